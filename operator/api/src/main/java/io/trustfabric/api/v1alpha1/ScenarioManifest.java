package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Exactly what a replay compared: the tenant, the window and the digests of both sides. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScenarioManifest {

    @JsonPropertyDescription("Tenant whose traffic was replayed, as namespace/name.")
    private String tenant;

    @JsonPropertyDescription("Template of the scenario.")
    private String template;

    @JsonPropertyDescription("Start of the replayed window (RFC 3339).")
    private String windowStart;

    @JsonPropertyDescription("End of the replayed window (RFC 3339).")
    private String windowEnd;

    @JsonPropertyDescription("sha256: digest of the replayed input (recorded decision or charge ids in order, or the golden set's parameters), to tell two runs over the same traffic.")
    private String trafficDigest;

    @JsonPropertyDescription("What is in force today.")
    private ScenarioSide baseline;

    @JsonPropertyDescription("The candidate change.")
    private ScenarioSide candidate;

    public String getTenant() { return tenant; }
    public void setTenant(String tenant) { this.tenant = tenant; }
    public String getTemplate() { return template; }
    public void setTemplate(String template) { this.template = template; }
    public String getWindowStart() { return windowStart; }
    public void setWindowStart(String windowStart) { this.windowStart = windowStart; }
    public String getWindowEnd() { return windowEnd; }
    public void setWindowEnd(String windowEnd) { this.windowEnd = windowEnd; }
    public String getTrafficDigest() { return trafficDigest; }
    public void setTrafficDigest(String trafficDigest) { this.trafficDigest = trafficDigest; }
    public ScenarioSide getBaseline() { return baseline; }
    public void setBaseline(ScenarioSide baseline) { this.baseline = baseline; }
    public ScenarioSide getCandidate() { return candidate; }
    public void setCandidate(ScenarioSide candidate) { this.candidate = candidate; }
}
