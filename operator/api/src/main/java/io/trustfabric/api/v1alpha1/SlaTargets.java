package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SlaTargets {
    @Min(1)
    @Max(600000)
    @JsonPropertyDescription("Objective for the 95th percentile request latency, in milliseconds.")
    private Integer p95LatencyMs;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Objective for the share of failed requests, in percent (e.g. 0.25).")
    private Double errorRatePercent;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Availability objective in percent (e.g. 99.9); sets the error budget for burn rates.")
    private Double availabilityPercent;

    public Integer getP95LatencyMs() { return p95LatencyMs; }
    public void setP95LatencyMs(Integer p95LatencyMs) { this.p95LatencyMs = p95LatencyMs; }
    public Double getErrorRatePercent() { return errorRatePercent; }
    public void setErrorRatePercent(Double errorRatePercent) { this.errorRatePercent = errorRatePercent; }
    public Double getAvailabilityPercent() { return availabilityPercent; }
    public void setAvailabilityPercent(Double availabilityPercent) { this.availabilityPercent = availabilityPercent; }
}
