package io.trustfabric.operator.whatif;

import io.trustfabric.api.v1alpha1.BudgetPeriod;
import io.trustfabric.api.v1alpha1.PeriodWindow;
import io.trustfabric.api.v1alpha1.PrivacyBudgetStatus;
import io.trustfabric.operator.budget.BudgetCosts;
import io.trustfabric.operator.budget.BudgetLedger;
import io.trustfabric.operator.budget.BudgetPeriods;
import java.time.Instant;
import java.util.Optional;

/**
 * One side of a budget-change replay: a budget's settings and a ledger of its own, charged with recorded queries in
 * time order through the production ledger ({@link BudgetLedger}, {@link BudgetPeriods}, {@link BudgetCosts}). Each
 * charge is a lease of exactly its cost, spent and released at once, so the ledger holds no open lease between charges.
 */
final class ReplayedBudget {

    /** Why a replayed query was refused; the codes are the workers' problem types. */
    static final String EXHAUSTED = "budget-exhausted";
    static final String MODE_NOT_PRICED = "mode-not-served";

    private final long epsilonPerPeriod;
    private final BudgetCosts costs;
    private final BudgetPeriod period;
    private final Instant created;
    private final PrivacyBudgetStatus status = new PrivacyBudgetStatus();
    private BudgetLedger ledger;
    private Instant periodEnd;
    private Instant exhaustedAt;
    private long sequence;

    /**
     * @param epsilonPerPeriod micro-epsilon per period
     * @param created          the budget's creation (periods of {@code every} count from it)
     */
    ReplayedBudget(long epsilonPerPeriod, BudgetCosts costs, BudgetPeriod period, Instant created) {
        if (epsilonPerPeriod <= 0) {
            throw new IllegalArgumentException("epsilonPerPeriod must be greater than 0");
        }
        this.epsilonPerPeriod = epsilonPerPeriod;
        this.costs = costs;
        this.period = period;
        this.created = created;
    }

    /** Charges one query; empty when the ledger paid for it, else the refusal code. */
    Optional<String> charge(RecordedCharge query) {
        enterPeriodOf(query.at());
        Long flat = switch (query.mode()) {
            case "psi-ca" -> costs.psiCa();
            case "psi" -> costs.psi();
            default -> null;
        };
        if (flat == null) {
            return Optional.of(MODE_NOT_PRICED);
        }
        long cost = Math.addExact(flat, Math.multiplyExact(costs.perElement(), query.elements()));
        if (cost > ledger.remaining()) {
            markExhausted(query.at());
            return Optional.of(EXHAUSTED);
        }
        String lease = "replay-" + (++sequence);
        ledger.grant(lease, "what-if", cost, query.at());
        ledger.reportSpent(lease, cost);
        ledger.release(lease);
        if (ledger.remaining() < costs.cheapest()) {
            markExhausted(query.at());
        }
        return Optional.empty();
    }

    /** When the budget first could not pay for the cheapest query (or refused one for lack of budget); null if never. */
    Instant exhaustedAt() {
        return exhaustedAt;
    }

    /** Micro-epsilon left at the end of the last period a charge fell in; the full grant when nothing was charged. */
    long remaining() {
        return ledger == null ? epsilonPerPeriod : ledger.remaining();
    }

    private void markExhausted(Instant at) {
        if (exhaustedAt == null) {
            exhaustedAt = at;
        }
    }

    private void enterPeriodOf(Instant at) {
        if (ledger == null || !at.isBefore(periodEnd)) {
            PeriodWindow window = BudgetPeriods.containing(period, created, at);
            ledger = BudgetLedger.startPeriod(status, window, epsilonPerPeriod);
            periodEnd = Instant.parse(window.getEnd());
        }
    }
}
