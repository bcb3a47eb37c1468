package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A versioned, typed policy building block: a parameter schema, a fixed Rego module that reads its arguments
 * from data, and the module's own Rego tests. Cluster-scoped, so every tenant's TrustPolicy can use it.
 */
@Group(TrustFabric.GROUP)
@Version(TrustFabric.VERSION)
@Plural("policymacros")
@ShortNames({"pm", "macro"})
@Categories(TrustFabric.CATEGORY)
@AdditionalPrinterColumn(name = "Macro", jsonPath = ".spec.macro", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Macro name TrustPolicy rules refer to")
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.version", type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Macro version, referred to as name@vN")
@AdditionalPrinterColumn(name = "Accepted", jsonPath = ".status.conditions[?(@.type==\"Accepted\")].status",
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "Status of the Accepted condition")
@AdditionalPrinterColumn(name = "Age", jsonPath = TrustFabric.AGE_PATH, type = AdditionalPrinterColumn.Type.DATE)
// Not "name == macro + '-v' + string(version)": the API server's cost estimator cannot bound string(int) and
// refuses that CRD (found when the CRDs first met a real kube-apiserver). The suffix is parsed instead, guarded so
// a non-numeric suffix gives this message rather than a CEL error.
@ValidationRule(value = "self.metadata.name.startsWith(self.spec.macro + '-v')"
        + " && self.metadata.name.substring(size(self.spec.macro) + 2).matches('^[1-9][0-9]{0,8}$')"
        + " && int(self.metadata.name.substring(size(self.spec.macro) + 2)) == self.spec.version",
        message = "a PolicyMacro must be named <spec.macro>-v<spec.version> (e.g. residency-v1), so each macro version exists once")
public class PolicyMacro extends CustomResource<PolicyMacroSpec, PolicyMacroStatus> {

    // getSpec/getStatus are overridden only to carry descriptions, so kubectl explain describes spec and status.
    @Override
    @JsonPropertyDescription("The macro: name, version, parameter schema, Rego module and its tests.")
    public PolicyMacroSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Whether the macro was accepted, with lint findings and conditions.")
    public PolicyMacroStatus getStatus() {
        return super.getStatus();
    }
}
