package io.trustfabric.operator.budget;

import io.trustfabric.api.v1alpha1.BudgetLease;
import io.trustfabric.api.v1alpha1.MicroEpsilonLedger;
import io.trustfabric.api.v1alpha1.PeriodTotals;
import io.trustfabric.api.v1alpha1.PeriodWindow;
import io.trustfabric.api.v1alpha1.PrivacyBudgetStatus;
import io.trustfabric.api.v1alpha1.ReceiptChainHead;
import io.trustfabric.api.v1alpha1.ReceiptSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The budget's accounting, applied in place to a status draft. All amounts are integer micro-epsilon.
 * <p>
 * Invariant after every operation: {@code consumed + leased + remaining == total}, {@code remaining >= 0}, where
 * consumed = spend of closed leases + reported spend of open leases, leased = unspent rest of open leases.
 * An open lease stays counted in full (spent + rest) until it is released or reclaimed, expired or not, so
 * nothing a worker might still spend is ever granted twice. The spend of closed leases is not stored
 * separately: it is {@code consumed - sum(open spent)}, which the status always holds.
 */
public final class BudgetLedger {

    private final PrivacyBudgetStatus status;

    private BudgetLedger(PrivacyBudgetStatus status) {
        this.status = status;
    }

    /** Wraps a status that already has a period (see {@link #startPeriod}). */
    public static BudgetLedger of(PrivacyBudgetStatus status) {
        if (status.getMicroEpsilon() == null || status.getPeriod() == null) {
            throw new IllegalStateException("the budget has no period yet");
        }
        return new BudgetLedger(status);
    }

    /**
     * Starts a period: totals of the current one (open leases counted in full) go to previousPeriod, leases and
     * receipts are cleared and the receipt chain epoch moves on.
     */
    public static BudgetLedger startPeriod(PrivacyBudgetStatus status, PeriodWindow window, long total) {
        if (total <= 0) {
            throw new IllegalArgumentException("a period's epsilon must be greater than 0");
        }
        if (status.getMicroEpsilon() != null && status.getPeriod() != null) {
            BudgetLedger ending = new BudgetLedger(status);
            PeriodTotals totals = new PeriodTotals();
            totals.setStart(status.getPeriod().getStart());
            totals.setEnd(status.getPeriod().getEnd());
            totals.setEpoch(status.getEpoch());
            totals.setTotal(ending.total());
            totals.setConsumed(ending.closedConsumed() + ending.openGranted());
            totals.setReceipts(ending.receiptCount());
            status.setPreviousPeriod(totals);
        }
        status.setEpoch(status.getEpoch() == null ? 1 : status.getEpoch() + 1);
        status.setPeriod(window);
        status.setLeases(new ArrayList<>());
        ReceiptSummary receipts = new ReceiptSummary();
        receipts.setCount(0L);
        status.setReceipts(receipts);
        status.setMicroEpsilon(new MicroEpsilonLedger(total, 0L, 0L, total));
        return new BudgetLedger(status);
    }

    public long total() {
        return status.getMicroEpsilon().getTotal();
    }

    public long consumed() {
        return status.getMicroEpsilon().getConsumed();
    }

    public long leased() {
        return status.getMicroEpsilon().getLeased();
    }

    public long remaining() {
        return status.getMicroEpsilon().getRemaining();
    }

    public long epoch() {
        return status.getEpoch();
    }

    public List<BudgetLease> leases() {
        return List.copyOf(status.getLeases());
    }

    public Optional<BudgetLease> lease(String id) {
        return status.getLeases().stream().filter(l -> l.getId().equals(id)).findFirst();
    }

    /** Changes the period's grant (spec.epsilonPerPeriod edited); never below what is already consumed or leased. */
    public void changeTotal(long newTotal) {
        long committed = consumed() + leased();
        write(Math.max(newTotal, committed), closedConsumed());
    }

    /** Records a new open lease; the caller has sized it. Refuses (never clips) an amount above what remains. */
    public BudgetLease grant(String id, String holder, long amount, Instant expires) {
        if (amount <= 0) {
            throw new IllegalArgumentException("a lease must grant more than 0, got " + amount);
        }
        if (amount > remaining()) {
            throw new IllegalStateException("grant of " + amount + " exceeds remaining " + remaining());
        }
        if (status.getLeases().size() >= PrivacyBudgetStatus.MAX_LEASES) {
            throw new IllegalStateException("the budget already has " + PrivacyBudgetStatus.MAX_LEASES + " leases");
        }
        long closed = closedConsumed();
        BudgetLease lease = new BudgetLease();
        lease.setId(id);
        lease.setHolder(holder);
        lease.setMicroEpsilon(amount);
        lease.setSpent(0L);
        lease.setExpires(expires.toString());
        status.getLeases().add(lease);
        write(total(), closed);
        return lease;
    }

    /** Records the holder's cumulative spend of an open lease; spend never decreases nor exceeds the grant. */
    public void reportSpent(String leaseId, long spent) {
        BudgetLease lease = openLease(leaseId);
        if (spent < lease.getSpent()) {
            throw LeaseRefusal.invalidReport("spentMicroEpsilon " + spent + " is less than the " + lease.getSpent()
                    + " already reported for lease '" + leaseId + "'; spend only grows.");
        }
        if (spent > lease.getMicroEpsilon()) {
            throw LeaseRefusal.invalidReport("spentMicroEpsilon " + spent + " exceeds the lease's grant of "
                    + lease.getMicroEpsilon());
        }
        long closed = closedConsumed();
        lease.setSpent(spent);
        write(total(), closed);
    }

    /**
     * Records the receipts of a lease: cumulative count, chain head and the newest compact receipts (newest first).
     * Only receipts beyond those already counted are added, so a repeated report changes nothing.
     */
    public void reportReceipts(String leaseId, long count, String chainHead, List<String> newestFirst) {
        openLease(leaseId);
        ReceiptSummary receipts = status.getReceipts();
        Optional<ReceiptChainHead> head = receipts.getChainHeads().stream()
                .filter(h -> leaseId.equals(h.getLease())).findFirst();
        long known = head.map(ReceiptChainHead::getLength).orElse(0L);
        if (count < known) {
            throw LeaseRefusal.invalidReport("receipts.count " + count + " is less than the " + known
                    + " receipts already reported for lease '" + leaseId + "'; a chain only grows.");
        }
        if (count == known) {
            return;
        }
        if (chainHead == null || chainHead.isBlank()) {
            throw LeaseRefusal.invalidReport("receipts.chainHead is required when receipts.count grows");
        }
        head.ifPresent(receipts.getChainHeads()::remove);
        receipts.getChainHeads().add(new ReceiptChainHead(leaseId, chainHead, count));
        trimChainHeads(receipts);
        receipts.setCount(receipts.getCount() + (count - known));
        List<String> last = new ArrayList<>(newestFirst.stream().limit(Math.min(count - known, ReceiptSummary.MAX_LAST)).toList());
        last.addAll(receipts.getLast());
        receipts.setLast(new ArrayList<>(last.subList(0, Math.min(last.size(), ReceiptSummary.MAX_LAST))));
    }

    /** Moves an open lease's expiry (renewal). */
    public void extend(String leaseId, Instant expires) {
        openLease(leaseId).setExpires(expires.toString());
    }

    /** Closes a lease the holder gave back: its spend is consumed, the rest returns. Returns the rest. */
    public long release(String leaseId) {
        BudgetLease lease = openLease(leaseId);
        long closed = closedConsumed() + lease.getSpent();
        status.getLeases().remove(lease);
        write(total(), closed);
        return lease.getMicroEpsilon() - lease.getSpent();
    }

    /** Closes a lease that will not be given back: all of it is consumed. */
    public void forfeit(String leaseId) {
        BudgetLease lease = openLease(leaseId);
        long closed = closedConsumed() + lease.getMicroEpsilon();
        status.getLeases().remove(lease);
        write(total(), closed);
    }

    /** Forfeits every lease whose expiry plus grace has passed; returns their ids. */
    public List<String> reclaimExpired(Instant now, java.time.Duration grace) {
        List<String> reclaimed = new ArrayList<>();
        for (BudgetLease lease : List.copyOf(status.getLeases())) {
            if (!Instant.parse(lease.getExpires()).plus(grace).isAfter(now)) {
                forfeit(lease.getId());
                reclaimed.add(lease.getId());
            }
        }
        return reclaimed;
    }

    public long receiptCount() {
        return status.getReceipts() == null || status.getReceipts().getCount() == null ? 0
                : status.getReceipts().getCount();
    }

    private BudgetLease openLease(String leaseId) {
        return lease(leaseId).orElseThrow(() -> LeaseRefusal.unknownLease(leaseId));
    }

    private long closedConsumed() {
        return consumed() - status.getLeases().stream().mapToLong(BudgetLease::getSpent).sum();
    }

    private long openGranted() {
        return status.getLeases().stream().mapToLong(BudgetLease::getMicroEpsilon).sum();
    }

    private void write(long total, long closedConsumed) {
        long openSpent = status.getLeases().stream().mapToLong(BudgetLease::getSpent).sum();
        long consumed = closedConsumed + openSpent;
        long leased = openGranted() - openSpent;
        long remaining = total - consumed - leased;
        if (remaining < 0 || closedConsumed < 0) {
            throw new IllegalStateException("ledger would overspend: total " + total + ", consumed " + consumed
                    + ", leased " + leased);
        }
        status.setMicroEpsilon(new MicroEpsilonLedger(total, consumed, leased, remaining));
    }

    /** Keeps chain heads bounded: drops the oldest heads of closed leases first. */
    private void trimChainHeads(ReceiptSummary receipts) {
        Iterator<ReceiptChainHead> oldestFirst = receipts.getChainHeads().iterator();
        while (receipts.getChainHeads().size() > PrivacyBudgetStatus.MAX_LEASES && oldestFirst.hasNext()) {
            if (lease(oldestFirst.next().getLease()).isEmpty()) {
                oldestFirst.remove();
            }
        }
    }
}
