package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The partners that may query a tenant, with their credentials, modes, region, expiry and rate. */
@Group(TrustFabric.GROUP)
@Version(TrustFabric.VERSION)
@ShortNames({"pal", "partners"})
@Categories(TrustFabric.CATEGORY)
@AdditionalPrinterColumn(name = "Tenant", jsonPath = ".spec.tenantRef", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Tenant the partners may query")
@AdditionalPrinterColumn(name = "Active", jsonPath = ".status.activePartners", type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Partners that may query now")
@AdditionalPrinterColumn(name = "Expired", jsonPath = ".status.expiredPartners", type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Partners whose entry has expired")
@AdditionalPrinterColumn(name = "Ready", jsonPath = TrustFabric.READY_STATUS_PATH, type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Status of the Ready condition")
@AdditionalPrinterColumn(name = "Age", jsonPath = TrustFabric.AGE_PATH, type = AdditionalPrinterColumn.Type.DATE)
public class PartnerAllowlist extends CustomResource<PartnerAllowlistSpec, PartnerAllowlistStatus> implements Namespaced {

    // getSpec/getStatus are overridden only to carry descriptions, so kubectl explain describes spec and status.
    @Override
    @JsonPropertyDescription("The tenant and its allow-listed partners: ids, credentials, modes, regions, expiry and rates.")
    public PartnerAllowlistSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed: active, expired and refused partners, and conditions.")
    public PartnerAllowlistStatus getStatus() {
        return super.getStatus();
    }
}
