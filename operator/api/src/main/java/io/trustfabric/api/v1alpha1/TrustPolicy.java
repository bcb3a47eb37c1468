package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A tenant's policy: PolicyMacro references with typed arguments, compiled into an OPA bundle. */
@Group(TrustFabric.GROUP)
@Version(TrustFabric.VERSION)
@ShortNames({"tp", "policy"})
@Categories(TrustFabric.CATEGORY)
@AdditionalPrinterColumn(name = "Tenant", jsonPath = ".spec.tenantRef", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Tenant the policy governs")
@AdditionalPrinterColumn(name = "Revision", jsonPath = ".status.revision", type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Compiled revision the workers enforce")
@AdditionalPrinterColumn(name = "Ready", jsonPath = TrustFabric.READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Status of the Ready condition")
@AdditionalPrinterColumn(name = "Age", jsonPath = TrustFabric.AGE_PATH, type = AdditionalPrinterColumn.Type.DATE)
public class TrustPolicy extends CustomResource<TrustPolicySpec, TrustPolicyStatus> implements Namespaced {

    // getSpec/getStatus are overridden only to carry descriptions, so kubectl explain describes spec and status.
    @Override
    @JsonPropertyDescription("The tenant and its rules: macro references with arguments and an enforcement action each.")
    public TrustPolicySpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The compiled policy: revision, bundle, lint findings, timeline of revisions and conditions.")
    public TrustPolicyStatus getStatus() {
        return super.getStatus();
    }
}
