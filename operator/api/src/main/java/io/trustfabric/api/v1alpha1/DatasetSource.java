package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.trustfabric.api.common.SecretKeyRef;

/** Where a tenant's items come from: exactly one of secretRef, configMapRef or inline. One item per line. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.secretRef), has(self.configMapRef), has(self.inline)].filter(x, x).size() == 1",
        message = "set exactly one of dataset.secretRef, dataset.configMapRef or dataset.inline")
public class DatasetSource {

    @JsonPropertyDescription("Secret key holding the items, one per line (recommended for real data).")
    private SecretKeyRef secretRef;

    @JsonPropertyDescription("ConfigMap key holding the items, one per line (for test data).")
    private SecretKeyRef configMapRef;

    @JsonPropertyDescription("Items written inline, one per line; for examples and local mode only.")
    private String inline;

    @Default("none")
    @JsonPropertyDescription("How each item is normalised before hashing to the curve: none (as is), trim, email-lowercase (trim and lower-case), email-lowercase-sha256 (the item is already a lower-cased e-mail's SHA-256 in hex).")
    private Normalization normalization = Normalization.NONE;

    public SecretKeyRef getSecretRef() { return secretRef; }
    public void setSecretRef(SecretKeyRef secretRef) { this.secretRef = secretRef; }
    public SecretKeyRef getConfigMapRef() { return configMapRef; }
    public void setConfigMapRef(SecretKeyRef configMapRef) { this.configMapRef = configMapRef; }
    public String getInline() { return inline; }
    public void setInline(String inline) { this.inline = inline; }
    public Normalization getNormalization() { return normalization; }
    public void setNormalization(Normalization normalization) { this.normalization = normalization; }
}
