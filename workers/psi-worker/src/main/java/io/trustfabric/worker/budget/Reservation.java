package io.trustfabric.worker.budget;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.receipt.SignedReceipt;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/** A query's cost, taken out of a lease before computing. Exactly one of commit or release settles it. */
public final class Reservation {
    private final Lease lease;
    private final PsiMode mode;
    private final long elements;
    private final long cost;
    private final AtomicBoolean settled = new AtomicBoolean();
    private Clock clock = Clock.systemUTC();
    private SpendRate rate;

    Reservation(Lease lease, PsiMode mode, long elements, long cost) {
        this.lease = lease;
        this.mode = mode;
        this.elements = elements;
        this.cost = cost;
    }

    Reservation tracked(Clock clock, SpendRate rate) {
        this.clock = clock;
        this.rate = rate;
        return this;
    }

    public long cost() {
        return cost;
    }

    public PsiMode mode() {
        return mode;
    }

    public long elements() {
        return elements;
    }

    /**
     * Charges the query as answered: returns its receipt, already signed and on disk. Call right before the
     * answer is sent; if this throws, the answer must not be sent.
     */
    public SignedReceipt commit(String queryId) throws IOException, BudgetRefusedException {
        if (!settled.compareAndSet(false, true)) {
            throw new IllegalStateException("reservation already settled");
        }
        try {
            java.time.Instant now = clock.instant();
            SignedReceipt receipt = lease.commit(this, queryId, now);
            if (rate != null) {
                rate.record(now.getEpochSecond(), cost);
            }
            return receipt;
        } catch (Lease.LeaseClosedException e) {
            throw new BudgetRefusedException(BudgetRefusedException.Reason.UNAVAILABLE, e.getMessage(), null);
        }
    }

    /** The computation failed or the answer could not be sent: the cost goes back to the lease. */
    public void release() {
        if (settled.compareAndSet(false, true)) {
            lease.release(this);
        }
    }
}
