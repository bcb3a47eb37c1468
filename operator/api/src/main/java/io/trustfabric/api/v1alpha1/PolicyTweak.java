package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** A candidate policy change: rules overlaid on the tenant's current TrustPolicy by name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyTweak {

    @Required
    @Size(min = 1, max = TrustPolicySpec.MAX_RULES)
    @ValidationRule(value = "self.all(r, self.exists_one(s, s.name == r.name))", message = "rule names must be unique within the candidate")
    @JsonPropertyDescription("Rules that replace the same-named rules of the current policy; rules with new names are added.")
    private List<PolicyRule> rules = new ArrayList<>();

    public List<PolicyRule> getRules() { return rules; }
    public void setRules(List<PolicyRule> rules) { this.rules = rules; }
}
