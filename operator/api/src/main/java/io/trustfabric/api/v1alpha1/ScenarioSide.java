package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One side of a replay: which policy, budget and worker decided. Only the parts that apply are set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScenarioSide {

    @JsonPropertyDescription("TrustPolicy revision, for the baseline.")
    private Long policyRevision;

    @JsonPropertyDescription("Digest of the OPA bundle that decided, e.g. sha256:ab12...")
    private String bundleDigest;

    @JsonPropertyDescription("Epsilon per period that applied, for budget-change.")
    private String epsilonPerPeriod;

    @JsonPropertyDescription("Worker image that answered, for worker-pin.")
    private String workerImage;

    public Long getPolicyRevision() { return policyRevision; }
    public void setPolicyRevision(Long policyRevision) { this.policyRevision = policyRevision; }
    public String getBundleDigest() { return bundleDigest; }
    public void setBundleDigest(String bundleDigest) { this.bundleDigest = bundleDigest; }
    public String getEpsilonPerPeriod() { return epsilonPerPeriod; }
    public void setEpsilonPerPeriod(String epsilonPerPeriod) { this.epsilonPerPeriod = epsilonPerPeriod; }
    public String getWorkerImage() { return workerImage; }
    public void setWorkerImage(String workerImage) { this.workerImage = workerImage; }
}
