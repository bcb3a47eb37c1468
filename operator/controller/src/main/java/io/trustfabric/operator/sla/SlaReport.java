package io.trustfabric.operator.sla;

import io.trustfabric.api.v1alpha1.SlaMeasurement;

/**
 * The latest SLA numbers (rounded, without incidents) and verdict of one tenant, as the sampler last computed them;
 * the Tenant reconciler writes them to status.
 */
public record SlaReport(SlaMeasurement measurement, SlaVerdict verdict) {
}
