package io.trustfabric.operator.sla;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trustfabric.api.v1alpha1.SlaTargets;
import io.trustfabric.operator.policy.decisions.TenantRef;

/**
 * The SLA gauges the chart's alert rules read (docs/operator-guide.md, "Metrics"): each objective as a ratio or in
 * seconds, and the SLAConformant verdict (1 True, 0 False, -1 Unknown), labelled tenant="namespace/name".
 */
public class SlaMetrics {

    public static final String OBJECTIVE = "trustfabric_tenant_sla_objective";
    public static final String CONFORMANT = "trustfabric_tenant_sla_conformant";

    private final Gauge objective;
    private final Gauge conformant;

    public SlaMetrics(PrometheusRegistry registry) {
        objective = Gauge.builder().name(OBJECTIVE)
                .help("A tenant's SLA objective: availability and error_ratio as ratios (0 to 1), p95_latency_seconds.")
                .labelNames("tenant", "objective").register(registry);
        conformant = Gauge.builder().name(CONFORMANT)
                .help("The tenant's SLAConformant condition: 1 True, 0 False, -1 Unknown.")
                .labelNames("tenant").register(registry);
    }

    public void record(TenantRef tenant, SlaTargets targets, SlaVerdict verdict) {
        String id = tenant.toString();
        set(id, "availability", targets.getAvailabilityPercent() == null ? null
                : targets.getAvailabilityPercent() / 100);
        set(id, "error_ratio", targets.getErrorRatePercent() == null ? null : targets.getErrorRatePercent() / 100);
        set(id, "p95_latency_seconds", targets.getP95LatencyMs() == null ? null : targets.getP95LatencyMs() / 1000.0);
        conformant.labelValues(id).set(verdict.gaugeValue());
    }

    public void forget(TenantRef tenant) {
        String id = tenant.toString();
        for (String name : new String[]{"availability", "error_ratio", "p95_latency_seconds"}) {
            objective.remove(id, name);
        }
        conformant.remove(id);
    }

    private void set(String tenant, String name, Double value) {
        if (value == null) {
            objective.remove(tenant, name);
        } else {
            objective.labelValues(tenant, name).set(value);
        }
    }
}
