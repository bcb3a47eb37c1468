package io.trustfabric.loadtest;

import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.psi.protocol.PartnerQuery;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.SetupMessage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Request bodies blinded before the run starts, so the driver spends no crypto CPU while measuring.
 * Each request mixes {@code overlap} items of the generated server data set with partner-only items.
 */
final class PrecomputedRequests {
    private final List<byte[]> bodies;

    private PrecomputedRequests(List<byte[]> bodies) {
        this.bodies = bodies;
    }

    static PrecomputedRequests blind(SetupMessage setup, LoadOptions options) {
        Curve25519Group group = new Curve25519Group();
        SecureRandom random = new SecureRandom();
        List<byte[]> bodies = new ArrayList<>(options.distinctRequests());
        for (int r = 0; r < options.distinctRequests(); r++) {
            List<String> items = new ArrayList<>(options.elementsPerRequest());
            for (int i = 0; i < options.elementsPerRequest(); i++) {
                items.add(i < options.overlap()
                        ? "user" + (1 + random.nextInt(Math.max(1, setup.digest().itemCount()))) + "@example.com"
                        : "partner-" + r + "-" + i + "@example.org");
            }
            PartnerQuery query = PartnerQuery.blind(group, setup.context(), setup.normalization(), items, random);
            bodies.add(ElementBatch.query(query.epoch(), query.blinded()).encode());
        }
        return new PrecomputedRequests(bodies);
    }

    /** Bodies made elsewhere, replayed round-robin (tests). */
    static PrecomputedRequests of(List<byte[]> bodies) {
        return new PrecomputedRequests(List.copyOf(bodies));
    }

    byte[] body(long sequence) {
        return bodies.get((int) (sequence % bodies.size()));
    }
}
