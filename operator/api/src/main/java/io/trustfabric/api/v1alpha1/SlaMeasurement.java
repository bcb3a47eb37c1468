package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * What the operator measured against the tenant's SLA targets, from its workers' metrics. Rounded so that status only
 * changes when a number really moves.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SlaMeasurement {

    @JsonPropertyDescription("When these numbers were computed (RFC 3339).")
    private String measuredAt;

    @JsonPropertyDescription("Requests per second over the last 5 minutes (client-closed requests not counted).")
    private Double requestsPerSecond;

    @JsonPropertyDescription("Requests in the last hour, compared with spec.sla.minRequestsPerHour.")
    private Long requestsLastHour;

    @JsonPropertyDescription("Measured 95th percentile request latency over the last hour, in milliseconds.")
    private Double p95LatencyMs;

    @JsonPropertyDescription("Measured 99th percentile request latency over the last hour, in milliseconds.")
    private Double p99LatencyMs;

    @JsonPropertyDescription("Share of failed requests (the service's fault: internal, not-ready, overloaded, *-unavailable) over the last hour, in percent.")
    private Double errorRatePercent;

    @JsonPropertyDescription("Share of good requests over the last 30 days (as far as the operator has measured), in percent.")
    private Double availabilityPercent;

    @JsonPropertyDescription("Share of sampled receipts that verified (signature and chain) against the tenant's receipt key, in percent.")
    private Double verifyRatePercent;

    @JsonPropertyDescription("Receipts the operator sampled and verified over the last 30 days.")
    private Long receiptsSampled;

    @JsonPropertyDescription("Duration of the tenant's last what-if replay, in seconds.")
    private Double replayLatencySeconds;

    @JsonPropertyDescription("Error-budget burn rates per window: 1.0 spends the budget exactly over 30 days.")
    private BurnRates burnRates;

    @JsonPropertyDescription("Error budget left over the last 30 days, in percent of the budget (negative when overspent).")
    private Double errorBudgetRemainingPercent;

    @JsonPropertyDescription("Incidents: the open one, the last few and mean times to acknowledge and resolve.")
    private SlaIncidents incidents;

    public String getMeasuredAt() { return measuredAt; }
    public void setMeasuredAt(String measuredAt) { this.measuredAt = measuredAt; }
    public Double getRequestsPerSecond() { return requestsPerSecond; }
    public void setRequestsPerSecond(Double requestsPerSecond) { this.requestsPerSecond = requestsPerSecond; }
    public Long getRequestsLastHour() { return requestsLastHour; }
    public void setRequestsLastHour(Long requestsLastHour) { this.requestsLastHour = requestsLastHour; }
    public Double getP95LatencyMs() { return p95LatencyMs; }
    public void setP95LatencyMs(Double p95LatencyMs) { this.p95LatencyMs = p95LatencyMs; }
    public Double getP99LatencyMs() { return p99LatencyMs; }
    public void setP99LatencyMs(Double p99LatencyMs) { this.p99LatencyMs = p99LatencyMs; }
    public Double getErrorRatePercent() { return errorRatePercent; }
    public void setErrorRatePercent(Double errorRatePercent) { this.errorRatePercent = errorRatePercent; }
    public Double getAvailabilityPercent() { return availabilityPercent; }
    public void setAvailabilityPercent(Double availabilityPercent) { this.availabilityPercent = availabilityPercent; }
    public Double getVerifyRatePercent() { return verifyRatePercent; }
    public void setVerifyRatePercent(Double verifyRatePercent) { this.verifyRatePercent = verifyRatePercent; }
    public Long getReceiptsSampled() { return receiptsSampled; }
    public void setReceiptsSampled(Long receiptsSampled) { this.receiptsSampled = receiptsSampled; }
    public Double getReplayLatencySeconds() { return replayLatencySeconds; }
    public void setReplayLatencySeconds(Double replayLatencySeconds) { this.replayLatencySeconds = replayLatencySeconds; }
    public BurnRates getBurnRates() { return burnRates; }
    public void setBurnRates(BurnRates burnRates) { this.burnRates = burnRates; }
    public Double getErrorBudgetRemainingPercent() { return errorBudgetRemainingPercent; }
    public void setErrorBudgetRemainingPercent(Double errorBudgetRemainingPercent) { this.errorBudgetRemainingPercent = errorBudgetRemainingPercent; }
    public SlaIncidents getIncidents() { return incidents; }
    public void setIncidents(SlaIncidents incidents) { this.incidents = incidents; }

    /** Equal when every number is; {@code measuredAt} is left out so a re-measurement of the same numbers patches nothing. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SlaMeasurement m && Objects.equals(requestsPerSecond, m.requestsPerSecond)
                && Objects.equals(requestsLastHour, m.requestsLastHour) && Objects.equals(p95LatencyMs, m.p95LatencyMs)
                && Objects.equals(p99LatencyMs, m.p99LatencyMs) && Objects.equals(errorRatePercent, m.errorRatePercent)
                && Objects.equals(availabilityPercent, m.availabilityPercent)
                && Objects.equals(verifyRatePercent, m.verifyRatePercent) && Objects.equals(receiptsSampled, m.receiptsSampled)
                && Objects.equals(replayLatencySeconds, m.replayLatencySeconds) && Objects.equals(burnRates, m.burnRates)
                && Objects.equals(errorBudgetRemainingPercent, m.errorBudgetRemainingPercent)
                && Objects.equals(incidents, m.incidents);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestsPerSecond, p95LatencyMs, errorRatePercent, burnRates, incidents);
    }
}
