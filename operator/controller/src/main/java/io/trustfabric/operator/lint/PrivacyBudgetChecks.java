package io.trustfabric.operator.lint;

import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.JsonPatchOperation;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.QueryCost;
import java.math.BigDecimal;

/** The checks of a PrivacyBudget the CRD cannot make everywhere (offline files never meet its CEL rules). */
final class PrivacyBudgetChecks {

    private final LintEnvironment environment;

    PrivacyBudgetChecks(LintEnvironment environment) {
        this.environment = environment;
    }

    void check(PrivacyBudget budget, Findings findings) {
        if (budget.getSpec() == null) {
            findings.add(FindingCode.MISSING_FIELD, "spec", "the budget has no spec", "add spec.tenantRef, "
                    + "spec.epsilonPerPeriod, spec.cost and spec.period");
            return;
        }
        if (budget.getSpec().getTenantRef() == null || budget.getSpec().getTenantRef().isBlank()) {
            findings.add(FindingCode.MISSING_FIELD, "spec.tenantRef", "the budget names no tenant, so no query is "
                    + "ever charged to it", "set spec.tenantRef to the Tenant (same namespace) whose queries it limits");
        }
        QueryCost cost = budget.getSpec().getCost();
        if (cost != null) {
            zero("spec.cost.psi-ca", cost.getPsiCa(), "psi-ca", findings);
            zero("spec.cost.psi", cost.getPsi(), "psi", findings);
            if (isZero(cost.getPerElement())) {
                findings.add(FindingCode.ZERO_COST, FindingSeverity.warning, "spec.cost.perElement", "perElement is 0, "
                        + "so a query's size costs nothing extra", "remove perElement for a flat cost per query",
                        JsonPatchOperation.remove("/spec/cost/perElement"));
            }
        }
        String namespace = budget.getMetadata() == null ? null : budget.getMetadata().getNamespace();
        String tenant = budget.getSpec().getTenantRef();
        if (namespace != null && tenant != null && environment.knowsTenants(namespace)
                && environment.tenant(namespace, tenant).isEmpty()) {
            findings.add(FindingCode.TENANT_NOT_FOUND, "spec.tenantRef", "no Tenant '" + tenant + "' in namespace '"
                    + namespace + "'", "check the name, or create the Tenant");
        }
    }

    private static void zero(String path, String value, String mode, Findings findings) {
        if (isZero(value)) {
            findings.add(FindingCode.ZERO_COST, path, "a " + mode + " query would cost 0 epsilon, so the budget "
                    + "never limits how much partners learn", "give it a positive cost such as \"0.1\"");
        }
    }

    private static boolean isZero(String value) {
        if (value == null) {
            return false;
        }
        try {
            return new BigDecimal(value.strip()).signum() == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
