package io.trustfabric.operator.budget;

import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.MicroEpsilon;
import io.trustfabric.api.v1alpha1.PrivacyBudgetStatus;
import io.trustfabric.operator.status.StatusAggregator.StatusUpdate;
import java.util.List;

/**
 * The conditions of a PrivacyBudget, from its ledger: Available (a lease for at least the cheapest query can be
 * granted), NearLimit (consumed has crossed an alert threshold; the reason names the highest one crossed, so each
 * crossing is one transition and one event) and Exhausted (the opposite of Available).
 */
public final class BudgetConditions {

    public static final String AVAILABLE = "Available";
    public static final String NEAR_LIMIT = "NearLimit";
    public static final String EXHAUSTED = "Exhausted";

    public static final String REASON_BUDGET_LEFT = "BudgetLeft";
    public static final String REASON_BUDGET_SPENT = "BudgetSpent";
    public static final String REASON_BELOW_THRESHOLDS = "BelowThresholds";
    public static final String REASON_NO_THRESHOLDS = "NoThresholds";
    public static final String REASON_INVALID_SPEC = "InvalidSpec";

    private BudgetConditions() {
    }

    /** Reason of NearLimit=True once consumed reached {@code percent} % of the period's epsilon. */
    public static String reasonAbove(int percent) {
        return "Reached" + percent + "Percent";
    }

    public static void apply(StatusUpdate<PrivacyBudgetStatus> update, BudgetLedger ledger, BudgetCosts costs,
                             List<Integer> thresholds, Long generation) {
        String periodEnd = update.status().getPeriod().getEnd();
        boolean spent = ledger.remaining() < costs.cheapest();
        String totals = MicroEpsilon.format(ledger.consumed()) + " of " + MicroEpsilon.format(ledger.total())
                + " epsilon consumed, " + MicroEpsilon.format(ledger.leased()) + " leased to workers, "
                + MicroEpsilon.format(ledger.remaining()) + " left to grant";
        if (spent) {
            String message = "Nothing left to grant until the period ends at " + periodEnd + "; charged queries are"
                    + " refused with budget-exhausted (" + totals + ").";
            update.set(AVAILABLE, Condition.FALSE, REASON_BUDGET_SPENT, message, generation);
            update.set(EXHAUSTED, Condition.TRUE, REASON_BUDGET_SPENT, message, generation);
        } else {
            String message = totals + " in the period ending " + periodEnd + ".";
            update.set(AVAILABLE, Condition.TRUE, REASON_BUDGET_LEFT, message, generation);
            update.set(EXHAUSTED, Condition.FALSE, REASON_BUDGET_LEFT, message, generation);
        }
        nearLimit(update, ledger, thresholds, totals, generation);
    }

    private static void nearLimit(StatusUpdate<PrivacyBudgetStatus> update, BudgetLedger ledger,
                                  List<Integer> thresholds, String totals, Long generation) {
        List<Integer> usable = alertThresholds(thresholds);
        String ignored = ignoredThresholds(thresholds, usable);
        if (usable.isEmpty()) {
            update.set(NEAR_LIMIT, Condition.FALSE, REASON_NO_THRESHOLDS,
                    "No alert thresholds are set (spec.alertThresholds)" + ignored + "; " + totals + ".", generation);
            return;
        }
        thresholds = usable;
        Integer crossed = null;
        for (int percent : thresholds) {
            // integer comparison of consumed / total >= percent / 100 (amounts are below 10^13, no overflow)
            if (ledger.consumed() * 100 >= (long) percent * ledger.total()) {
                crossed = percent;
            }
        }
        if (crossed == null) {
            update.set(NEAR_LIMIT, Condition.FALSE, REASON_BELOW_THRESHOLDS,
                    "Below the first alert threshold of " + thresholds.get(0) + " %" + ignored + ": " + totals + ".",
                    generation);
        } else {
            update.set(NEAR_LIMIT, Condition.TRUE, reasonAbove(crossed),
                    "Consumed reached the " + crossed + " % alert threshold" + ignored + ": " + totals + ".", generation);
        }
    }

    /**
     * The alert thresholds as the operator uses them: ascending, each once, only 1 to 100 percent. Authors may list
     * them in any order; repeated or out-of-range values (refused by the CRD, but possibly stored before it did)
     * are dropped, so a threshold of -1 % can never fire at zero spend.
     */
    public static List<Integer> alertThresholds(List<Integer> thresholds) {
        if (thresholds == null) {
            return List.of();
        }
        return thresholds.stream().filter(t -> t != null && t >= 1 && t <= 100).distinct().sorted().toList();
    }

    private static String ignoredThresholds(List<Integer> thresholds, List<Integer> usable) {
        if (thresholds == null) {
            return "";
        }
        List<Integer> outOfRange = thresholds.stream().filter(t -> t != null && !usable.contains(t)).distinct().toList();
        return outOfRange.isEmpty() ? "" : " (ignored alert thresholds outside 1 to 100 %: " + outOfRange + ")";
    }

    /** Conditions of a budget whose spec the operator cannot use: nothing is granted under it. */
    public static void invalid(StatusUpdate<PrivacyBudgetStatus> update, String problem, Long generation) {
        String message = "The budget's spec cannot be used, so no lease is granted under it: " + problem;
        update.set(AVAILABLE, Condition.FALSE, REASON_INVALID_SPEC, message, generation);
    }
}
