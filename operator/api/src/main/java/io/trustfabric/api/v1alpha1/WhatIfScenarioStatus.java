package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.trustfabric.api.common.ConditionedStatus;

/** Progress and outcome of a replay. Conditions: Completed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WhatIfScenarioStatus extends ConditionedStatus {

    @JsonPropertyDescription("Pending (waiting to start), Running, Completed or Failed (see the conditions for why).")
    private ScenarioPhase phase;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Percent of the window replayed so far.")
    private Integer progress;

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
    public ScenarioSummary getSummary() { return summary; }
    public void setSummary(ScenarioSummary summary) { this.summary = summary; }
    public ScenarioManifest getManifest() { return manifest; }
    public void setManifest(ScenarioManifest manifest) { this.manifest = manifest; }
    public ReportRef getReportRef() { return reportRef; }
    public void setReportRef(ReportRef reportRef) { this.reportRef = reportRef; }
}
