package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.LinkedHashMap;
import java.util.Map;

/** One use of a PolicyMacro with its arguments. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyRule {

    @Required
    @Pattern(ApiPatterns.DNS_LABEL)
    @Size(max = 63)
    @JsonPropertyDescription("Rule name, unique within the policy (e.g. eu-only); shown in denials, findings and the timeline.")
    private String name;

    @Required
    @Pattern(ApiPatterns.MACRO_REF)
    @Size(max = 80)
    @JsonPropertyDescription("The PolicyMacro to apply, as name@vN (e.g. residency@v1).")
    private String macro;

    @JsonProperty("with")
    @JsonPropertyDescription("Arguments of the macro, checked against its parameters before anything is compiled; they become bundle data, never Rego text.")
    private Map<String, JsonNode> arguments = new LinkedHashMap<>();

    @Default("enforce")
    @JsonPropertyDescription("What a denial by this rule does: enforce refuses the query, warn allows it and records a warning, dryrun only records the decision.")
    private EnforcementAction enforcementAction = EnforcementAction.enforce;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getMacro() { return macro; }
    public void setMacro(String macro) { this.macro = macro; }
    public Map<String, JsonNode> getArguments() { return arguments; }
    public void setArguments(Map<String, JsonNode> arguments) { this.arguments = arguments; }
    public EnforcementAction getEnforcementAction() { return enforcementAction; }
    public void setEnforcementAction(EnforcementAction enforcementAction) { this.enforcementAction = enforcementAction; }
}
