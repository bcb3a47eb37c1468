package io.trustfabric.worker.setup;

import io.trustfabric.psi.group.Scalar;
import io.trustfabric.psi.protocol.KeyEpochContext;
import java.time.Duration;

/**
 * Everything the worker serves for one key epoch: the epoch's secret key, the encoded setup message
 * and its ETag. Immutable; swapped as a whole on key rotation.
 */
public record EpochSetup(KeyEpochContext context, Scalar key, byte[] setupMessage, String etag,
                         int itemCount, Duration buildDuration) {

    public long epoch() {
        return context.epoch();
    }
}
