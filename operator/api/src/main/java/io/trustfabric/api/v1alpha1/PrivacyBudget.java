package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** How much privacy loss (epsilon) a tenant's partner, or all its partners together, may spend per period. */
@Group(TrustFabric.GROUP)
@Version(TrustFabric.VERSION)
@ShortNames({"pb", "budget"})
@Categories(TrustFabric.CATEGORY)
@AdditionalPrinterColumn(name = "Tenant", jsonPath = ".spec.tenantRef", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Tenant whose queries spend this budget")
@AdditionalPrinterColumn(name = "Partner", jsonPath = ".spec.partnerRef", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Partner the budget is for; empty means all partners of the tenant")
@AdditionalPrinterColumn(name = "Consumed", jsonPath = ".status.microEpsilon.consumed", type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Micro-epsilon answered queries have spent in the current period")
@AdditionalPrinterColumn(name = "Remaining", jsonPath = ".status.microEpsilon.remaining", type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Micro-epsilon neither consumed nor leased in the current period")
@AdditionalPrinterColumn(name = "Available", jsonPath = ".status.conditions[?(@.type==\"Available\")].status",
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "Status of the Available condition")
@AdditionalPrinterColumn(name = "Age", jsonPath = TrustFabric.AGE_PATH, type = AdditionalPrinterColumn.Type.DATE)
public class PrivacyBudget extends CustomResource<PrivacyBudgetSpec, PrivacyBudgetStatus> implements Namespaced {

    // getSpec/getStatus are overridden to carry descriptions, so kubectl explain describes spec and status. The spec
    // is required: a budget without one names no tenant and could not be attributed to anyone (issue 18).
    @Override
    @Required
    @JsonPropertyDescription("The budget: tenant and partner, epsilon per period, cost per query, period, alert thresholds.")
    public PrivacyBudgetSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The ledger, written only by the operator: current period, micro-epsilon totals, live leases, receipts, conditions.")
    public PrivacyBudgetStatus getStatus() {
        return super.getStatus();
    }
}
