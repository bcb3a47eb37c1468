package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.trustfabric.api.common.SecretKeyRef;

/** How a partner proves who it is: an API key or a client certificate, never both. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.apiKeySecretRef) != has(self.clientCertificate)",
        message = "set exactly one of credentials.apiKeySecretRef or credentials.clientCertificate")
public class PartnerCredentials {

    @JsonPropertyDescription("Secret key holding the partner's API key; the partner sends it as a bearer token.")
    private SecretKeyRef apiKeySecretRef;

    @JsonPropertyDescription("Mutual TLS: the client certificate the partner presents.")
    private ClientCertificate clientCertificate;

    public SecretKeyRef getApiKeySecretRef() { return apiKeySecretRef; }
    public void setApiKeySecretRef(SecretKeyRef apiKeySecretRef) { this.apiKeySecretRef = apiKeySecretRef; }
    public ClientCertificate getClientCertificate() { return clientCertificate; }
    public void setClientCertificate(ClientCertificate clientCertificate) { this.clientCertificate = clientCertificate; }
}
