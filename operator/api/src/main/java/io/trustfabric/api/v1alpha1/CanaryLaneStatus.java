package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.trustfabric.api.common.ConditionedStatus;

/** The judged outcome of the latest run. Conditions: Healthy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryLaneStatus extends ConditionedStatus {

    @JsonPropertyDescription("Healthy, Degraded (latency regressed), Failing (answers differ or errors) or Inconclusive (not enough evidence yet).")
    private CanaryVerdict verdict;

    @JsonPropertyDescription("Measurements of the latest run.")
    private CanaryRun lastRun;

    public CanaryVerdict getVerdict() { return verdict; }
    public void setVerdict(CanaryVerdict verdict) { this.verdict = verdict; }
    public CanaryRun getLastRun() { return lastRun; }
    public void setLastRun(CanaryRun lastRun) { this.lastRun = lastRun; }
}
