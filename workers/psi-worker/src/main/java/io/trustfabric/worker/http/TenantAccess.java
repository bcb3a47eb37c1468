package io.trustfabric.worker.http;

import io.trustfabric.worker.setup.EpochSetup;
import io.trustfabric.worker.setup.KeyEpochs;
import io.vertx.core.http.HttpServerResponse;

/** Which epoch the tenant serves, and the key epoch header on answers that carry elements or a setup. */
final class TenantAccess {
    private final KeyEpochs epochs;

    TenantAccess(KeyEpochs epochs) {
        this.epochs = epochs;
    }

    EpochSetup currentSetup() {
        return epochs.current().orElseThrow(() -> new ProblemException(ProblemType.NOT_READY,
                "the setup of the key epoch is still being built; retry shortly"));
    }

    HttpServerResponse epochHeader(HttpServerResponse response, EpochSetup setup) {
        return response.putHeader("X-TrustFabric-Key-Epoch", Long.toString(setup.epoch()));
    }
}
