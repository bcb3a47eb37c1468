package io.trustfabric.worker.budget;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.receipt.SignedReceipt;
import io.trustfabric.worker.receipts.LeaseReceiptChain;
import io.trustfabric.worker.receipts.ReceiptIssuer;
import java.io.IOException;
import java.time.Instant;

/**
 * One live lease on this worker. {@code spent + reserved <= granted} always holds: a reservation takes its
 * cost out of the unspent rest under the lease's lock, so no two requests can reserve the same micro-epsilon.
 */
final class Lease {
    private final LeaseGrant grant;
    private final ReceiptIssuer issuer;
    private final LeaseReceiptChain chain = new LeaseReceiptChain();
    private Instant expires;
    private long spent;
    private long reserved;
    private boolean closed;
    private Instant lastSpend;
    private long reportedSpent = -1;

    Lease(LeaseGrant grant, ReceiptIssuer issuer, Instant now) {
        this.grant = grant;
        this.issuer = issuer;
        this.expires = grant.expires();
        this.lastSpend = now;
    }

    LeaseGrant grant() {
        return grant;
    }

    String id() {
        return grant.leaseId();
    }

    synchronized Instant expires() {
        return expires;
    }

    synchronized void extendTo(Instant newExpiry) {
        if (newExpiry.isAfter(expires)) {
            expires = newExpiry;
        }
    }

    synchronized boolean spendable(Instant now) {
        return !closed && now.isBefore(expires.minusSeconds(grant.spendMarginSeconds()));
    }

    /** Takes {@code cost} from the unspent rest, or returns null if the lease cannot cover it now. */
    synchronized Reservation tryReserve(PsiMode mode, long elements, long cost, Instant now) {
        if (!spendable(now) || grant.grantedMicroEpsilon() - spent - reserved < cost) {
            return null;
        }
        reserved += cost;
        return new Reservation(this, mode, elements, cost);
    }

    /**
     * Moves a reservation to spent and issues its receipt (signed, in the log on disk) in one step.
     * Refused once the lease was given back: the operator has already settled it.
     */
    synchronized SignedReceipt commit(Reservation r, String queryId, Instant now) throws IOException, LeaseClosedException {
        if (closed) {
            reserved -= r.cost();
            throw new LeaseClosedException("lease " + id() + " was given back before the answer could be charged");
        }
        reserved -= r.cost();
        spent += r.cost();
        lastSpend = now;
        long remainingAfter = Math.addExact(grant.remainingMicroEpsilon(), grant.grantedMicroEpsilon() - spent);
        return issuer.issue(chain, new ReceiptIssuer.Charge(grant.partner(), grant.budget(), id(), grant.epoch(), queryId,
                r.mode().wireName(), r.elements(), r.cost(), remainingAfter, now));
    }

    synchronized void release(Reservation r) {
        reserved -= r.cost();
    }

    synchronized long spent() {
        return spent;
    }

    synchronized long reserved() {
        return reserved;
    }

    synchronized Instant lastSpend() {
        return lastSpend;
    }

    synchronized LeaseReport report() {
        return new LeaseReport(spent, chain.count(), chain.head(), chain.newest(), chain.takeSample());
    }

    synchronized boolean reportDue() {
        return spent != reportedSpent;
    }

    synchronized void reported(long spentReported) {
        reportedSpent = spentReported;
    }

    /** Stops all reserving and committing; true if nothing is reserved any more, so the lease can be given back. */
    synchronized boolean closeIfIdle() {
        if (reserved > 0) {
            return false;
        }
        closed = true;
        return true;
    }

    /** Stops all reserving and committing now, e.g. when the operator says the lease is gone. */
    synchronized void close() {
        closed = true;
    }

    static final class LeaseClosedException extends Exception {
        LeaseClosedException(String message) {
            super(message, null, false, false);
        }
    }
}
