package io.trustfabric.operator.sla;

import io.trustfabric.api.common.Condition;

/** The SLAConformant condition's status, reason and message. */
public record SlaVerdict(String status, String reason, String message) {

    public static final String CONDITION = "SLAConformant";
    public static final String REASON_CONFORMANT = "Conformant";
    public static final String REASON_BURN_SLOW = "ErrorBudgetBurnSlow";
    public static final String REASON_BURN_FAST = "ErrorBudgetBurnFast";
    public static final String REASON_LATENCY = "LatencyAboveObjective";
    public static final String REASON_ERROR_RATE = "ErrorRateAboveObjective";
    public static final String REASON_LOW_TRAFFIC = "LowTraffic";
    public static final String REASON_METRICS_UNAVAILABLE = "MetricsUnavailable";

    public boolean isFalse() {
        return Condition.FALSE.equals(status);
    }

    /** 1 conformant, 0 not, -1 unknown: the value of trustfabric_tenant_sla_conformant. */
    public double gaugeValue() {
        return switch (status) {
            case Condition.TRUE -> 1;
            case Condition.FALSE -> 0;
            default -> -1;
        };
    }
}
