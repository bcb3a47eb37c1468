package io.trustfabric.worker.policy;

import io.trustfabric.worker.ratelimit.NanoClock;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

/**
 * Whether the policy engine is ready ({@code GET /health?bundles} is 200), for the worker's readiness endpoint.
 * An answer is reused for at most {@link #MAX_AGE_NANOS} so that frequent probes do not each reach OPA;
 * concurrent probes share one check.
 */
public final class PolicyReadiness {
    static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final OpaClient opa;
    private final NanoClock clock;
    private boolean lastReady;
    private long checkedAt;
    private boolean checked;
    private Future<Boolean> inFlight;

    public PolicyReadiness(OpaClient opa, NanoClock clock) {
        this.opa = opa;
        this.clock = clock;
    }

    public String url() {
        return opa.url();
    }

    public synchronized Future<Boolean> ready() {
        long now = clock.nanoTime();
        if (checked && now - checkedAt < MAX_AGE_NANOS) {
            return Future.succeededFuture(lastReady);
        }
        if (inFlight == null || inFlight.isComplete()) {
            inFlight = opa.bundlesActive().onComplete(result -> remember(now, result.succeeded() && result.result()));
        }
        return inFlight;
    }

    private synchronized void remember(long at, boolean ready) {
        lastReady = ready;
        checkedAt = at;
        checked = true;
    }
}
