package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.baseline.image != self.candidate.image", message = "candidate.image must differ from baseline.image")
public class CanaryLaneSpec {

    @Required
    @Pattern(ApiPatterns.DNS_LABEL)
    @Size(max = 63)
    @JsonPropertyDescription("Name of the Tenant, in the same namespace, whose data set and policy the lanes use.")
    private String tenantRef;

    @Required
    @JsonPropertyDescription("The worker version in production today.")
    private WorkerVersion baseline;

    @Required
    @JsonPropertyDescription("The worker version under test.")
    private WorkerVersion candidate;

    @Required
    @JsonPropertyDescription("The synthetic queries both lanes answer, generated from a seed so every run asks the same.")
    private GoldenQueries goldenQueries;

    @JsonPropertyDescription("How a run is judged.")
    private CanaryJudge judge = new CanaryJudge();

    public String getTenantRef() { return tenantRef; }
    public void setTenantRef(String tenantRef) { this.tenantRef = tenantRef; }
    public WorkerVersion getBaseline() { return baseline; }
    public void setBaseline(WorkerVersion baseline) { this.baseline = baseline; }
    public WorkerVersion getCandidate() { return candidate; }
    public void setCandidate(WorkerVersion candidate) { this.candidate = candidate; }
    public GoldenQueries getGoldenQueries() { return goldenQueries; }
    public void setGoldenQueries(GoldenQueries goldenQueries) { this.goldenQueries = goldenQueries; }
    public CanaryJudge getJudge() { return judge; }
    public void setJudge(CanaryJudge judge) { this.judge = judge; }
}
