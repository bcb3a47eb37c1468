package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A tenant of the PSI service: owns a data set and runs PSI workers that allow-listed partners query.
 */
@Group(TrustFabric.GROUP)
@Version(TrustFabric.VERSION)
@ShortNames("tn")
@Categories(TrustFabric.CATEGORY)
@AdditionalPrinterColumn(name = "Ready", jsonPath = TrustFabric.READY_STATUS_PATH,
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "Status of the Ready condition")
@AdditionalPrinterColumn(name = "Workers", jsonPath = ".status.workers.ready",
        type = AdditionalPrinterColumn.Type.INTEGER, getDescription = "Worker pods ready to serve")
@AdditionalPrinterColumn(name = "Endpoint", jsonPath = ".status.endpoint",
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "URL partners call")
@AdditionalPrinterColumn(name = "Age", jsonPath = TrustFabric.AGE_PATH, type = AdditionalPrinterColumn.Type.DATE)
public class Tenant extends CustomResource<TenantSpec, TenantStatus> implements Namespaced {

    // getSpec/getStatus are overridden only to carry descriptions, so kubectl explain describes spec and status.
    @Override
    @JsonPropertyDescription("What the tenant wants: data set, modes, workers, fair share, partner rate and SLA targets.")
    public TenantSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed: endpoint, workers, receipt key, measured SLA and conditions.")
    public TenantStatus getStatus() {
        return super.getStatus();
    }
}
