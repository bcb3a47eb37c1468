package io.trustfabric.operator.causal;

/** The numbers whose moves the drill-down explains ({@code tfctl why --metric KEY}). */
public enum TrackedMetric {
    REQUEST_RATE("requests-per-second"),
    P95_LATENCY("p95-latency-ms"),
    ERROR_RATIO("error-rate-percent"),
    DENIAL_RATE("denial-rate-percent"),
    BUDGET_BURN("budget-burn-epsilon-per-hour");

    private final String key;

    TrackedMetric(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
