package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.trustfabric.api.common.SecretKeyRef;

/** A candidate key seed and/or data set revision for a tenant's workers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.keySeedSecretRef) || has(self.dataset) || (has(self.freshKeySeed) && self.freshKeySeed)",
        message = "seedChange must set keySeedSecretRef, freshKeySeed or dataset")
@ValidationRule(value = "!(has(self.keySeedSecretRef) && has(self.freshKeySeed) && self.freshKeySeed)",
        message = "set keySeedSecretRef or freshKeySeed, not both")
public class SeedChange {

    @JsonPropertyDescription("Secret key, in the scenario's namespace, holding the candidate key seed (32 or more random bytes).")
    private SecretKeyRef keySeedSecretRef;

    @JsonPropertyDescription("true: the candidate uses a fresh random key seed made for this replay and thrown away after it.")
    private Boolean freshKeySeed;

    @JsonPropertyDescription("Candidate data set revision (same shape as the Tenant's spec.dataset); omit to keep the current data set.")
    private DatasetSource dataset;

    public SecretKeyRef getKeySeedSecretRef() { return keySeedSecretRef; }
    public void setKeySeedSecretRef(SecretKeyRef keySeedSecretRef) { this.keySeedSecretRef = keySeedSecretRef; }
    public Boolean getFreshKeySeed() { return freshKeySeed; }
    public void setFreshKeySeed(Boolean freshKeySeed) { this.freshKeySeed = freshKeySeed; }
    public DatasetSource getDataset() { return dataset; }
    public void setDataset(DatasetSource dataset) { this.dataset = dataset; }
}
