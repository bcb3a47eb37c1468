package io.trustfabric.operator.budget;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trustfabric.api.v1alpha1.PrivacyBudget;

/** Prometheus gauges of every budget's current period, labelled namespace, tenant, partner ("*" = all) and budget. */
public class BudgetMetrics {

    public static final String SPENT_RATIO = "trustfabric_budget_spent_ratio";
    public static final String REMAINING = "trustfabric_budget_remaining_micro_epsilon";
    public static final String LEASED = "trustfabric_budget_leased_micro_epsilon";
    public static final String ALL_PARTNERS = "*";

    private final Gauge spentRatio;
    private final Gauge remaining;
    private final Gauge leased;

    public BudgetMetrics(PrometheusRegistry registry) {
        String[] labels = {"namespace", "tenant", "partner", "budget"};
        spentRatio = Gauge.builder().name(SPENT_RATIO)
                .help("Consumed share (0 to 1) of the budget's epsilon in the current period.")
                .labelNames(labels).register(registry);
        remaining = Gauge.builder().name(REMAINING)
                .help("Micro-epsilon neither consumed nor leased in the current period.")
                .labelNames(labels).register(registry);
        leased = Gauge.builder().name(LEASED)
                .help("Micro-epsilon granted to live worker leases and not yet reported spent.")
                .labelNames(labels).register(registry);
    }

    public void record(PrivacyBudget budget, BudgetLedger ledger) {
        String[] labels = labels(budget);
        spentRatio.labelValues(labels).set((double) ledger.consumed() / ledger.total());
        remaining.labelValues(labels).set(ledger.remaining());
        leased.labelValues(labels).set(ledger.leased());
    }

    public void forget(PrivacyBudget budget) {
        String[] labels = labels(budget);
        spentRatio.remove(labels);
        remaining.remove(labels);
        leased.remove(labels);
    }

    private static String[] labels(PrivacyBudget budget) {
        String partner = budget.getSpec().getPartnerRef();
        return new String[]{budget.getMetadata().getNamespace(), budget.getSpec().getTenantRef(),
                partner == null ? ALL_PARTNERS : partner, budget.getMetadata().getName()};
    }
}
