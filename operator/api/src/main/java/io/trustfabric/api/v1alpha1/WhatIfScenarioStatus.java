package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.trustfabric.api.common.ConditionedStatus;

/** Progress and outcome of a replay. Conditions: Completed (True once Succeeded or Failed; the reason says which). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WhatIfScenarioStatus extends ConditionedStatus {

    @JsonPropertyDescription("Pending (waiting to start), Running, Succeeded or Failed (the Completed condition says why).")
    private ScenarioPhase phase;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Percent of the window replayed so far.")
    private Integer progress;

    @JsonPropertyDescription("Recorded decisions, charges or golden queries replayed so far.")
    private Long replayed;

    @JsonPropertyDescription("Recorded decisions, charges or golden queries the replay will go through.")
    private Long total;

    @JsonPropertyDescription("When the operator started this generation's replay (RFC 3339).")
    private String startedAt;

    @JsonPropertyDescription("When the replay ended, successfully or not (RFC 3339).")
    private String finishedAt;

    @JsonPropertyDescription("Counts of replayed and changed decisions.")
    private ScenarioSummary summary;

    @JsonPropertyDescription("Exactly what was compared, so the replay can be reproduced.")
    private ScenarioManifest manifest;

    @JsonPropertyDescription("ConfigMap key holding the HTML diff report.")
    private ReportRef reportRef;

    public ScenarioPhase getPhase() { return phase; }
    public void setPhase(ScenarioPhase phase) { this.phase = phase; }
    public Integer getProgress() { return progress; }
    public void setProgress(Integer progress) { this.progress = progress; }
    public Long getReplayed() { return replayed; }
    public void setReplayed(Long replayed) { this.replayed = replayed; }
    public Long getTotal() { return total; }
    public void setTotal(Long total) { this.total = total; }
    public String getStartedAt() { return startedAt; }
    public void setStartedAt(String startedAt) { this.startedAt = startedAt; }
    public String getFinishedAt() { return finishedAt; }
    public void setFinishedAt(String finishedAt) { this.finishedAt = finishedAt; }
    public ScenarioSummary getSummary() { return summary; }
    public void setSummary(ScenarioSummary summary) { this.summary = summary; }
    public ScenarioManifest getManifest() { return manifest; }
    public void setManifest(ScenarioManifest manifest) { this.manifest = manifest; }
    public ReportRef getReportRef() { return reportRef; }
    public void setReportRef(ReportRef reportRef) { this.reportRef = reportRef; }
}
