package io.trustfabric.operator.budget;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.operator.reading.ReadProblem;
import io.trustfabric.operator.reading.UnreadableObjects;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the PrivacyBudget a partner's queries spend: its own budget, else the tenant-wide one, else none (refused).
 * A budget the operator could not read whole (see {@link UnreadableObjects}) is never spent: when it is the one that
 * applies, or may be (its partnerRef is its own or was left out), the lease is refused as {@code invalid-budget}
 * rather than falling back to another budget.
 */
public class BudgetResolver {

    private final KubernetesClient client;

    public BudgetResolver(KubernetesClient client) {
        this.client = client;
    }

    /** Budgets of a tenant (same namespace, spec.tenantRef == tenant). */
    public List<PrivacyBudget> budgetsOf(String namespace, String tenant) {
        return client.resources(PrivacyBudget.class).inNamespace(namespace).list().getItems().stream()
                .filter(b -> b.getSpec() != null && tenant.equals(b.getSpec().getTenantRef()))
                .toList();
    }

    /**
     * The budgets of a tenant that a partner's queries spend: the partner's own, else the tenant-wide ones. One
     * applies; none or several mean the query is refused.
     */
    public static List<PrivacyBudget> applicable(List<PrivacyBudget> budgetsOfTenant, String partner) {
        List<PrivacyBudget> own = budgetsOfTenant.stream().filter(b -> partner.equals(b.getSpec().getPartnerRef()))
                .toList();
        return own.isEmpty() ? budgetsOfTenant.stream().filter(b -> b.getSpec().getPartnerRef() == null).toList() : own;
    }

    /** Name of the budget that applies; refuses when none or more than one does. */
    public String resolve(String namespace, String tenant, String partner) {
        List<PrivacyBudget> applicable = applicable(budgetsOf(namespace, tenant), partner);
        List<PrivacyBudget> unreadable = applicable.stream().filter(b -> !readable(b)).toList();
        if (!unreadable.isEmpty()) {
            PrivacyBudget budget = unreadable.get(0);
            List<ReadProblem> problems = UnreadableObjects.problemsOf(budget, client);
            throw new LeaseRefusal(409, "invalid-budget", "PrivacyBudget " + namespace + "/"
                    + budget.getMetadata().getName() + " cannot be used: the operator cannot read it ("
                    + problems.get(0).describe() + (problems.size() > 1 ? ", and " + (problems.size() - 1) + " more" : "")
                    + "); its Available condition says why. Nothing is granted until it is corrected.", Map.of(), null);
        }
        if (applicable.isEmpty()) {
            throw new LeaseRefusal(404, "no-budget", "No PrivacyBudget in namespace " + namespace + " covers tenant '"
                    + tenant + "' and partner '" + partner + "' (neither one with partnerRef " + partner
                    + " nor a tenant-wide one); its queries are refused.", Map.of("partner", partner), null);
        }
        if (applicable.size() > 1) {
            List<String> names = applicable.stream().map(b -> b.getMetadata().getName()).sorted().toList();
            throw new LeaseRefusal(409, "ambiguous-budget", "PrivacyBudgets " + names + " all apply to tenant '"
                    + tenant + "' and partner '" + partner + "'; delete all but one. Nothing is granted meanwhile.",
                    Map.of("budgets", names), null);
        }
        return applicable.get(0).getMetadata().getName();
    }

    private boolean readable(PrivacyBudget budget) {
        return UnreadableObjects.readable(budget, client);
    }

    /** Name of the tenant's budget that holds a lease, or a 404 unknown-lease refusal. */
    public String holding(String namespace, String tenant, String leaseId) {
        return budgetsOf(namespace, tenant).stream()
                .filter(b -> b.getStatus() != null && b.getStatus().getLeases().stream()
                        .anyMatch(l -> Objects.equals(leaseId, l.getId())))
                .map(b -> b.getMetadata().getName())
                .findFirst()
                .orElseThrow(() -> LeaseRefusal.unknownLease(leaseId));
    }
}
