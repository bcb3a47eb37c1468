package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.trustfabric.api.common.ConditionedStatus;
import java.util.ArrayList;
import java.util.List;

/** Whether the macro may be used. Conditions: Accepted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyMacroStatus extends ConditionedStatus {

    /** Most findings any status keeps; the rest are summarised in the condition message. */
    public static final int MAX_FINDINGS = 100;

    @JsonPropertyDescription("True when the parameter schema and module passed lint (and the Rego tests, where OPA ran them); only accepted macros can be referenced.")
    private Boolean accepted;

    @JsonPropertyDescription("sha256 digest of the accepted content (macro, version, parameters, rego, tests). A published version is immutable: a spec whose digest differs is refused.")
    private String digest;

    @Size(max = MAX_FINDINGS)
    @JsonPropertyDescription("Lint findings about the macro.")
    private List<PolicyFinding> findings = new ArrayList<>();

    public Boolean getAccepted() { return accepted; }
    public void setAccepted(Boolean accepted) { this.accepted = accepted; }
    public String getDigest() { return digest; }
    public void setDigest(String digest) { this.digest = digest; }
    public List<PolicyFinding> getFindings() { return findings; }
    public void setFindings(List<PolicyFinding> findings) { this.findings = findings; }
}
