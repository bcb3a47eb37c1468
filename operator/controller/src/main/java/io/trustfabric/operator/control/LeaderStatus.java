package io.trustfabric.operator.control;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this operator replica is the elected leader, for control routes only the leader may answer. Without
 * leader election the single replica always leads.
 */
public final class LeaderStatus {

    private final AtomicBoolean leading;

    private LeaderStatus(boolean leading) {
        this.leading = new AtomicBoolean(leading);
    }

    public static LeaderStatus alwaysLeader() {
        return new LeaderStatus(true);
    }

    /** Starts as follower; {@link #callbacks()} flips it when the Lease is won or lost. */
    public static LeaderStatus elected() {
        return new LeaderStatus(false);
    }

    public boolean isLeader() {
        return leading.get();
    }

    /** Callbacks for JOSDK's leader election (JOSDK runs its own start/stop before them). */
    public LeaderCallbacks callbacks() {
        return new LeaderCallbacks(() -> leading.set(true), () -> leading.set(false), newLeader -> {
        });
    }
}
