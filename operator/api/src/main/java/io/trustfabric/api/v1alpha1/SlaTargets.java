package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
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

    @Min(0)
    @Max(1000000)
    @Default("60")
    @JsonPropertyDescription("Minimum-traffic gate: with fewer requests than this in the last hour the tenant is not judged (SLAConformant=Unknown, reason LowTraffic) instead of failing on a handful of requests.")
    private Integer minRequestsPerHour = 60;

    public Integer getMinRequestsPerHour() { return minRequestsPerHour; }
    public void setMinRequestsPerHour(Integer minRequestsPerHour) { this.minRequestsPerHour = minRequestsPerHour; }
    public Integer getP95LatencyMs() { return p95LatencyMs; }
    public void setP95LatencyMs(Integer p95LatencyMs) { this.p95LatencyMs = p95LatencyMs; }
    public Double getErrorRatePercent() { return errorRatePercent; }
    public void setErrorRatePercent(Double errorRatePercent) { this.errorRatePercent = errorRatePercent; }
    public Double getAvailabilityPercent() { return availabilityPercent; }
    public void setAvailabilityPercent(Double availabilityPercent) { this.availabilityPercent = availabilityPercent; }
}
