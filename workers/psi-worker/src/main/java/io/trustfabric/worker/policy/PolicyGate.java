package io.trustfabric.worker.policy;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.worker.access.Partner;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.metrics.WorkerMetrics;
import io.trustfabric.worker.ratelimit.NanoClock;
import io.vertx.core.Future;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's policy stage: asks OPA about each parsed query before anything is reserved or computed, and counts
 * what each partner was answered ({@link PartnerVolume}). Without a policy engine a tenant governed by a
 * TrustPolicy is refused and any other tenant is answered unchecked (local mode). The returned future never fails.
 */
public final class PolicyGate {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyGate.class);
    /** The text of the {@code Warning} header on answers given without a policy engine. */
    public static final String NO_ENGINE_WARNING = "no policy engine: tenant has no TrustPolicy";

    private final WorkerConfig config;
    private final OpaClient opa;
    private final PartnerVolume volume;
    private final Clock clock;
    private final NanoClock nanoClock;
    private final WorkerMetrics.TenantMetrics metrics;
    private final DecisionInput input;

    /** {@code opa} null: the worker has no policy engine. */
    public PolicyGate(WorkerConfig config, OpaClient opa, PartnerVolume volume, Clock clock, NanoClock nanoClock,
                      WorkerMetrics.TenantMetrics metrics) {
        this.config = config;
        this.opa = opa;
        this.volume = volume;
        this.clock = clock;
        this.nanoClock = nanoClock;
        this.metrics = metrics;
        this.input = new DecisionInput(config);
    }

    public Future<PolicyVerdict> decide(Partner partner, PsiMode mode, int setSize) {
        long started = nanoClock.nanoTime();
        if (opa == null) {
            PolicyVerdict verdict = config.tenant().trustPolicy()
                    ? PolicyVerdict.unavailable("a TrustPolicy governs tenant " + config.tenant().id()
                            + " but this worker has no policy engine (policy.opaUrl)")
                    : PolicyVerdict.unchecked(NO_ENGINE_WARNING);
            metrics.recordPolicyDecision(verdict.kind().label(), nanoClock.nanoTime() - started);
            return Future.succeededFuture(verdict);
        }
        return opa.decide(input.of(partner, mode, setSize, volume.of(partner.id()), clock.instant()))
                .map(PolicyVerdict::decided)
                .otherwise(error -> {
                    LOG.warn("tenant {}: no policy decision for partner {}: {}", config.tenant().id(), partner.id(),
                            error.getMessage());
                    return PolicyVerdict.unavailable(error instanceof PolicyUnavailableException
                            ? error.getMessage() : "the policy decision failed");
                })
                .onSuccess(verdict -> metrics.recordPolicyDecision(verdict.kind().label(),
                        nanoClock.nanoTime() - started));
    }

    /** Counts an answered (and charged) query in the partner's volume. */
    public void answered(String partner, int elements) {
        volume.record(partner, elements);
    }

    public PartnerVolume volume() {
        return volume;
    }
}
