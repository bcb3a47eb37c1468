package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** What the operator measured against the tenant's SLA targets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SlaMeasurement {

    @JsonPropertyDescription("Measured 95th percentile request latency over the last hour, in milliseconds.")
    private Double p95LatencyMs;

    @JsonPropertyDescription("Measured share of failed requests over the last hour, in percent.")
    private Double errorRatePercent;

    @JsonPropertyDescription("Error-budget burn rate over the last hour: 1.0 spends the budget exactly over the SLO window, above 14.4 pages.")
    private Double burnRate1h;

    @JsonPropertyDescription("Error-budget burn rate over the last six hours: 1.0 spends the budget exactly over the SLO window, above 6 pages.")
    private Double burnRate6h;

    public Double getP95LatencyMs() { return p95LatencyMs; }
    public void setP95LatencyMs(Double p95LatencyMs) { this.p95LatencyMs = p95LatencyMs; }
    public Double getErrorRatePercent() { return errorRatePercent; }
    public void setErrorRatePercent(Double errorRatePercent) { this.errorRatePercent = errorRatePercent; }
    public Double getBurnRate1h() { return burnRate1h; }
    public void setBurnRate1h(Double burnRate1h) { this.burnRate1h = burnRate1h; }
    public Double getBurnRate6h() { return burnRate6h; }
    public void setBurnRate6h(Double burnRate6h) { this.burnRate6h = burnRate6h; }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlaMeasurement m && Objects.equals(p95LatencyMs, m.p95LatencyMs)
                && Objects.equals(errorRatePercent, m.errorRatePercent) && Objects.equals(burnRate1h, m.burnRate1h)
                && Objects.equals(burnRate6h, m.burnRate6h);
    }

    @Override
    public int hashCode() {
        return Objects.hash(p95LatencyMs, errorRatePercent, burnRate1h, burnRate6h);
    }
}
