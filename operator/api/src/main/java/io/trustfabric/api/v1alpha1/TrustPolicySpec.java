package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrustPolicySpec {

    /** Most rules one policy (or one what-if candidate) may hold. */
    public static final int MAX_RULES = 64;

    @Required
    @Pattern(ApiPatterns.DNS_LABEL)
    @Size(max = 63)
    @JsonPropertyDescription("Name of the Tenant, in the same namespace, this policy governs.")
    private String tenantRef;

    @Required
    @Size(min = 1, max = MAX_RULES)
    @ValidationRule(value = "self.all(r, self.exists_one(s, s.name == r.name))", message = "rule names must be unique within the policy")
    @JsonPropertyDescription("The rules; a query is allowed only when no enforced rule denies it.")
    private List<PolicyRule> rules = new ArrayList<>();

    public String getTenantRef() { return tenantRef; }
    public void setTenantRef(String tenantRef) { this.tenantRef = tenantRef; }
    public List<PolicyRule> getRules() { return rules; }
    public void setRules(List<PolicyRule> rules) { this.rules = rules; }
}
