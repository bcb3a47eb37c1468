package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The two sides a replay compared. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScenarioManifest {

    @JsonPropertyDescription("What is in force today.")
    private ScenarioSide baseline;

    @JsonPropertyDescription("The candidate change.")
    private ScenarioSide candidate;

    public ScenarioSide getBaseline() { return baseline; }
    public void setBaseline(ScenarioSide baseline) { this.baseline = baseline; }
    public ScenarioSide getCandidate() { return candidate; }
    public void setCandidate(ScenarioSide candidate) { this.candidate = candidate; }
}
