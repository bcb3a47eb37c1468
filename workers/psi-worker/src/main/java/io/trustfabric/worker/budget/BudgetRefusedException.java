package io.trustfabric.worker.budget;

import java.time.Duration;
import java.time.Instant;

/** No budget can be reserved for a query: nothing is computed. */
public final class BudgetRefusedException extends Exception {
    public enum Reason {
        /** the period's budget is spent (or too little is left for this query) */
        EXHAUSTED,
        /** no PrivacyBudget applies to this tenant and partner */
        NO_BUDGET,
        /** the budget does not price the query's mode */
        MODE_NOT_PRICED,
        /** no lease and the operator cannot be asked (unreachable, not leader, busy): fail closed */
        UNAVAILABLE
    }

    private final Reason reason;
    private final Instant periodEnd;
    private final Duration retryAfter;

    public BudgetRefusedException(Reason reason, String message, Instant periodEnd) {
        this(reason, message, periodEnd, null);
    }

    /** @param retryAfter the operator's {@code Retry-After}, or null if it sent none */
    public BudgetRefusedException(Reason reason, String message, Instant periodEnd, Duration retryAfter) {
        super(message, null, false, false);
        this.reason = reason;
        this.periodEnd = periodEnd;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** The end of the budget period (for {@link Reason#EXHAUSTED}), or null if unknown. */
    public Instant periodEnd() {
        return periodEnd;
    }

    /** How long the operator asked not to be asked again ({@code Retry-After}), or null if it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
