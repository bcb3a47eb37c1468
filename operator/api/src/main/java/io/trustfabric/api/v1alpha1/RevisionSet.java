package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * The revisions in force for a tenant: what every decision, receipt, metric window and condition transition is
 * stamped with, and what the causal drill-down (tfctl why) compares.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionSet {

    @JsonPropertyDescription("Digest of the tenant's OPA policy bundle (TrustPolicy status.bundleDigest); absent without a TrustPolicy.")
    private String policyBundle;

    @JsonPropertyDescription("Worker container image.")
    private String workerImage;

    @JsonPropertyDescription("sha256: digest of the worker settings (worker.json as rendered, without the partner list).")
    private String workerConfig;

    @JsonPropertyDescription("Generations of the tenant's PartnerAllowlists, as name=generation joined by commas.")
    private String allowlist;

    @JsonPropertyDescription("Generations of the tenant's PrivacyBudgets, as name=generation joined by commas.")
    private String budget;

    @JsonPropertyDescription("sha256: digest of the data set the workers load.")
    private String dataset;

    @JsonPropertyDescription("Key epoch the workers serve.")
    private Long keyEpoch;

    public String getPolicyBundle() { return policyBundle; }
    public void setPolicyBundle(String policyBundle) { this.policyBundle = policyBundle; }
    public String getWorkerImage() { return workerImage; }
    public void setWorkerImage(String workerImage) { this.workerImage = workerImage; }
    public String getWorkerConfig() { return workerConfig; }
    public void setWorkerConfig(String workerConfig) { this.workerConfig = workerConfig; }
    public String getAllowlist() { return allowlist; }
    public void setAllowlist(String allowlist) { this.allowlist = allowlist; }
    public String getBudget() { return budget; }
    public void setBudget(String budget) { this.budget = budget; }
    public String getDataset() { return dataset; }
    public void setDataset(String dataset) { this.dataset = dataset; }
    public Long getKeyEpoch() { return keyEpoch; }
    public void setKeyEpoch(Long keyEpoch) { this.keyEpoch = keyEpoch; }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevisionSet r && Objects.equals(policyBundle, r.policyBundle)
                && Objects.equals(workerImage, r.workerImage) && Objects.equals(workerConfig, r.workerConfig)
                && Objects.equals(allowlist, r.allowlist) && Objects.equals(budget, r.budget)
                && Objects.equals(dataset, r.dataset) && Objects.equals(keyEpoch, r.keyEpoch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policyBundle, workerImage, workerConfig, allowlist, budget, dataset, keyEpoch);
    }
}
