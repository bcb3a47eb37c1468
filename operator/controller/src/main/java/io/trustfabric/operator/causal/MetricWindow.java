package io.trustfabric.operator.causal;

import io.trustfabric.api.v1alpha1.RevisionSet;
import io.trustfabric.operator.policy.decisions.TenantRef;
import java.time.Instant;
import java.util.Map;

/**
 * One tenant's measured numbers over one window {@code [start, end)}, stamped with the revisions in force at its end.
 * Values are keyed by {@link TrackedMetric#key()}; a metric without enough traffic in the window is absent.
 */
public record MetricWindow(TenantRef tenant, Instant start, Instant end, Map<String, Double> values,
                           RevisionSet revisions) {

    public MetricWindow {
        values = Map.copyOf(values);
    }
}
