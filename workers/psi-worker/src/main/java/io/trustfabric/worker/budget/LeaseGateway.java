package io.trustfabric.worker.budget;

/**
 * The operator's lease endpoints (docs/control-api.md). Calls block; never call them on the event loop
 * ({@link BudgetAccountant} calls {@link #acquire} on its own lease-request threads, one call per partner at a time).
 */
public interface LeaseGateway {
    /**
     * Asks for a lease.
     *
     * @param requestMicroEpsilon what the query in hand needs (and the rate suggests), or 0 to let the operator size it
     * @throws BudgetRefusedException EXHAUSTED / NO_BUDGET as the operator says, UNAVAILABLE if it cannot be asked
     */
    LeaseGrant acquire(String holder, String partner, long requestMicroEpsilon) throws BudgetRefusedException;

    /** Reports spend and receipts. */
    void report(String leaseId, LeaseReport report) throws LeaseGoneException, ControlUnavailableException;

    /** Reports and pushes the lease's expiry out; returns the new expiry. */
    java.time.Instant renew(String leaseId, LeaseReport report) throws LeaseGoneException, ControlUnavailableException;

    /** Gives the unspent rest back, with a final report. */
    void release(String leaseId, LeaseReport report) throws LeaseGoneException, ControlUnavailableException;

    /** The operator no longer knows the lease (404) or it expired (410): it must not be spent from again. */
    final class LeaseGoneException extends Exception {
        public LeaseGoneException(String message) {
            super(message, null, false, false);
        }
    }

    /** The control API could not be reached or answered with a transient error. */
    final class ControlUnavailableException extends Exception {
        private final java.time.Duration retryAfter;

        public ControlUnavailableException(String message) {
            this(message, null);
        }

        /** @param retryAfter the {@code Retry-After} of the last answer, or null */
        public ControlUnavailableException(String message, java.time.Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }
}
