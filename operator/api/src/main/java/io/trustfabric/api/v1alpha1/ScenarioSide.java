package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One side of a replay: which policy, budget, worker and data set decided. Only the parts that apply are set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScenarioSide {

    @JsonPropertyDescription("TrustPolicy revision, for the baseline.")
    private Long policyRevision;

    @JsonPropertyDescription("Digest of the OPA bundle that decided, e.g. sha256:ab12...")
    private String bundleDigest;

    @JsonPropertyDescription("Epsilon per period that applied, for budget-change.")
    private String epsilonPerPeriod;

    @JsonPropertyDescription("Worker image that answered, for worker-pin and seed-change.")
    private String workerImage;

    @JsonPropertyDescription("sha256: digest of the worker settings (worker.json and the candidate's env), for worker-pin and seed-change.")
    private String workerConfigDigest;

    @JsonPropertyDescription("sha256: digest of the PrivacyBudget spec replayed (with the candidate's changes on the candidate side), for budget-change.")
    private String budgetSpecDigest;

    @JsonPropertyDescription("Cost per query by mode that applied, for budget-change, e.g. psi-ca=0.1,psi=1.")
    private String costs;

    @JsonPropertyDescription("sha256: digest of the data set's normalised items, for seed-change.")
    private String datasetDigest;

    @JsonPropertyDescription("Which key seed: current (the tenant's Secret), secret NAMESPACE/NAME KEY or fresh; never the seed itself.")
    private String keySeed;

    public Long getPolicyRevision() { return policyRevision; }
    public void setPolicyRevision(Long policyRevision) { this.policyRevision = policyRevision; }
    public String getBundleDigest() { return bundleDigest; }
    public void setBundleDigest(String bundleDigest) { this.bundleDigest = bundleDigest; }
    public String getEpsilonPerPeriod() { return epsilonPerPeriod; }
    public void setEpsilonPerPeriod(String epsilonPerPeriod) { this.epsilonPerPeriod = epsilonPerPeriod; }
    public String getWorkerConfigDigest() { return workerConfigDigest; }
    public void setWorkerConfigDigest(String workerConfigDigest) { this.workerConfigDigest = workerConfigDigest; }
    public String getBudgetSpecDigest() { return budgetSpecDigest; }
    public void setBudgetSpecDigest(String budgetSpecDigest) { this.budgetSpecDigest = budgetSpecDigest; }
    public String getCosts() { return costs; }
    public void setCosts(String costs) { this.costs = costs; }
    public String getDatasetDigest() { return datasetDigest; }
    public void setDatasetDigest(String datasetDigest) { this.datasetDigest = datasetDigest; }
    public String getKeySeed() { return keySeed; }
    public void setKeySeed(String keySeed) { this.keySeed = keySeed; }
    public String getWorkerImage() { return workerImage; }
    public void setWorkerImage(String workerImage) { this.workerImage = workerImage; }
}
