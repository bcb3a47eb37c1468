package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A partner that authenticates with mutual TLS. */
public class ClientCertificate {

    @Required
    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Exact subject distinguished name of the partner's client certificate (e.g. CN=initech-psi).")
    private String subject;

    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
}
