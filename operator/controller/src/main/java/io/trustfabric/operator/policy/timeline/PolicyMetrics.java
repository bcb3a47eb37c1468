package io.trustfabric.operator.policy.timeline;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus metrics of policy revisions (names in helm/trust-fabric/files/metrics.yaml, section {@code policy}):
 * revisions compiled and reverted per tenant, how long rules stayed in dryrun before they were enforced, and how
 * many rules in force use built-in or custom macros.
 */
public final class PolicyMetrics {

    public static final String REVISIONS = "trustfabric_policy_revisions_total";
    public static final String REVERTS = "trustfabric_policy_reverts_total";
    public static final String DRYRUN_TO_ENFORCE = "trustfabric_policy_dryrun_to_enforce_seconds";
    public static final String RULES = "trustfabric_policy_rules";
    public static final String BUILT_IN = "built-in";
    public static final String CUSTOM = "custom";

    private final Counter revisions;
    private final Counter reverts;
    private final Histogram dryrunToEnforce;
    private final Gauge rules;
    /** Rules in force per policy (namespace/name): [built-in, custom]. */
    private final Map<String, long[]> byPolicy = new ConcurrentHashMap<>();

    public PolicyMetrics(PrometheusRegistry registry) {
        revisions = Counter.builder().name(REVISIONS)
                .help("TrustPolicy revisions compiled and published, by namespace and tenant.")
                .labelNames("namespace", "tenant").register(registry);
        reverts = Counter.builder().name(REVERTS)
                .help("TrustPolicy revisions whose rules equal an earlier revision's (a change was reverted).")
                .labelNames("namespace", "tenant").register(registry);
        dryrunToEnforce = Histogram.builder().name(DRYRUN_TO_ENFORCE)
                .help("How long a rule was in dryrun before a revision enforced it.")
                .classicOnly()
                .classicUpperBounds(60, 600, 3600, 6 * 3600, 86400, 3 * 86400, 7 * 86400, 14 * 86400, 30 * 86400)
                .register(registry);
        rules = Gauge.builder().name(RULES)
                .help("Rules of the revisions in force, by the origin of their macro (built-in or custom).")
                .labelNames("origin").register(registry);
        rules.labelValues(BUILT_IN).set(0);
        rules.labelValues(CUSTOM).set(0);
    }

    public void revision(String namespace, String tenant, boolean revert) {
        revisions.labelValues(namespace, tenant).inc();
        if (revert) {
            reverts.labelValues(namespace, tenant).inc();
        }
    }

    public void promoted(Duration inDryrun) {
        dryrunToEnforce.observe(Math.max(0, inDryrun.toMillis()) / 1000.0);
    }

    /** The rules in force of one policy, by macro origin. */
    public void rulesInForce(String policy, long builtIn, long custom) {
        byPolicy.put(policy, new long[]{builtIn, custom});
        publishRules();
    }

    public void forget(String policy) {
        if (byPolicy.remove(policy) != null) {
            publishRules();
        }
    }

    private synchronized void publishRules() {
        long builtIn = 0;
        long custom = 0;
        for (long[] counts : byPolicy.values()) {
            builtIn += counts[0];
            custom += counts[1];
        }
        rules.labelValues(BUILT_IN).set(builtIn);
        rules.labelValues(CUSTOM).set(custom);
    }
}
