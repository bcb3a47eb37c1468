package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.LinkedHashMap;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyMacroSpec {

    @Required
    @Pattern(ApiPatterns.DNS_LABEL)
    @Size(max = 63)
    @JsonPropertyDescription("Macro name (a DNS label, e.g. residency); rules refer to it as name@vN.")
    private String macro;

    @Required
    @Min(1)
    @JsonPropertyDescription("Macro version, 1 or higher. A changed module is a new version; existing versions stay as they are.")
    private Integer version;

    @Size(max = 1024)
    @JsonPropertyDescription("What the macro enforces, in one or two sentences; shown in lint findings and tfctl.")
    private String description;

    @JsonPropertyDescription("The macro's parameters: parameter name to a JSON-schema-like type (type, items, minItems, minimum, maximum, enum, default, format). Rule arguments are checked against it before anything is compiled.")
    private Map<String, JsonNode> parameters = new LinkedHashMap<>();

    @Required
    @Size(min = 1, max = 262144)
    @JsonPropertyDescription("The fixed Rego module. It reads its arguments from data, never from text substitution; its package must be trustfabric.macros.<macro>.v<version>.")
    private String rego;

    @Size(max = 262144)
    @JsonPropertyDescription("Rego tests of the module, run by OPA before the macro is accepted where OPA is available.")
    private String tests;

    public String getMacro() { return macro; }
    public void setMacro(String macro) { this.macro = macro; }
    public Integer getVersion() { return version; }
    public void setVersion(Integer version) { this.version = version; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public Map<String, JsonNode> getParameters() { return parameters; }
    public void setParameters(Map<String, JsonNode> parameters) { this.parameters = parameters; }
    public String getRego() { return rego; }
    public void setRego(String rego) { this.rego = rego; }
    public String getTests() { return tests; }
    public void setTests(String tests) { this.tests = tests; }

    /** The reference TrustPolicy rules use for this macro, e.g. residency@v1. */
    public String reference() {
        return macro + "@v" + version;
    }
}
