package io.trustfabric.worker.budget;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.worker.receipts.ReceiptIssuer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spends a worker's privacy budget only from operator-granted leases, one current lease per partner.
 * {@link #reserve} takes a query's cost from the partner's lease before anything is computed, asking the
 * operator for a new lease (sized to the partner's recent spend) when the current one cannot cover it.
 * {@link #maintain} (called every second) reports spend and receipts, renews busy leases before their
 * spend margin, and gives back leases that are idle, replaced or past their margin.
 */
public final class BudgetAccountant implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetAccountant.class);
    static final long RENEW_AHEAD_SECONDS = 20;
    static final long REPORT_EVERY_SECONDS = 5;
    static final long IDLE_RELEASE_SECONDS = SpendRate.WINDOW_SECONDS;

    private final LeaseGateway gateway;
    private final ReceiptIssuer issuer;
    private final String holder;
    private final Clock clock;
    private final Map<String, PartnerLeases> partners = new ConcurrentHashMap<>();
    private final List<Lease> retiring = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private Instant lastReport = Instant.EPOCH;

    public BudgetAccountant(LeaseGateway gateway, ReceiptIssuer issuer, String holder, Clock clock) {
        this.gateway = gateway;
        this.issuer = issuer;
        this.holder = holder;
        this.clock = clock;
    }

    /** One partner's current lease, the cost table last seen, and the partner's recent spend. */
    private static final class PartnerLeases {
        volatile Lease current;
        volatile LeaseGrant lastGrant;
        final SpendRate rate = new SpendRate();
    }

    /**
     * Reserves a query's cost. Blocks while a lease is asked for: never call on the event loop.
     *
     * @throws BudgetRefusedException when the query must be refused; nothing has been reserved then
     */
    public Reservation reserve(String partner, PsiMode mode, long elements) throws BudgetRefusedException {
        if (closed) {
            throw new BudgetRefusedException(BudgetRefusedException.Reason.UNAVAILABLE, "the worker is shutting down", null);
        }
        PartnerLeases leases = partners.computeIfAbsent(partner, p -> new PartnerLeases());
        Reservation fast = tryCurrent(leases, mode, elements);
        if (fast != null) {
            return fast;
        }
        synchronized (leases) {
            Reservation again = tryCurrent(leases, mode, elements);
            if (again != null) {
                return again;
            }
            return reserveFromNewLease(partner, leases, mode, elements);
        }
    }

    private Reservation tryCurrent(PartnerLeases leases, PsiMode mode, long elements) throws BudgetRefusedException {
        Lease lease = leases.current;
        if (lease == null) {
            return null;
        }
        Reservation r = lease.tryReserve(mode, elements, cost(lease.grant(), mode, elements), clock.instant());
        return r == null ? null : r.tracked(clock, leases.rate);
    }

    private Reservation reserveFromNewLease(String partner, PartnerLeases leases, PsiMode mode, long elements)
            throws BudgetRefusedException {
        long knownCost = leases.lastGrant == null ? 0 : cost(leases.lastGrant, mode, elements);
        long adaptive = leases.rate.lastWindow(clock.instant().getEpochSecond());
        long request = Math.max(knownCost, adaptive);
        LeaseGrant grant;
        try {
            grant = gateway.acquire(holder, partner, request);
        } catch (BudgetRefusedException e) {
            if (e.reason() != BudgetRefusedException.Reason.EXHAUSTED || request <= knownCost || knownCost == 0) {
                throw e;
            }
            grant = gateway.acquire(holder, partner, knownCost); // the rate asked for more than is left
        }
        Lease lease = install(leases, grant);
        long cost = cost(grant, mode, elements);
        Reservation r = lease.tryReserve(mode, elements, cost, clock.instant());
        if (r == null && cost > grant.grantedMicroEpsilon() && knownCost == 0) {
            lease = install(leases, gateway.acquire(holder, partner, cost)); // first lease was sized without the cost
            r = lease.tryReserve(mode, elements, cost, clock.instant());
        }
        if (r == null) {
            throw new BudgetRefusedException(BudgetRefusedException.Reason.EXHAUSTED, "the privacy budget "
                    + grant.budget() + " cannot cover a " + mode.wireName() + " query costing " + cost
                    + " micro-epsilon this period", grant.periodEnd());
        }
        return r.tracked(clock, leases.rate);
    }

    private Lease install(PartnerLeases leases, LeaseGrant grant) {
        Lease lease = new Lease(grant, issuer, clock.instant());
        Lease previous = leases.current;
        leases.current = lease;
        leases.lastGrant = grant;
        if (previous != null) {
            retiring.add(previous);
        }
        LOG.info("lease {} of budget {} for partner {}: {} micro-epsilon until {}", grant.leaseId(), grant.budget(),
                grant.partner(), grant.grantedMicroEpsilon(), grant.expires());
        return lease;
    }

    private static long cost(LeaseGrant grant, PsiMode mode, long elements) throws BudgetRefusedException {
        long cost = grant.cost(mode, elements);
        if (cost < 0) {
            throw new BudgetRefusedException(BudgetRefusedException.Reason.MODE_NOT_PRICED, "the privacy budget "
                    + grant.budget() + " does not price " + mode.wireName() + " queries", null);
        }
        return cost;
    }

    /** The signed chain heads of {@code partner}'s leases on this worker ({@code GET /v1/receipts/head}). */
    public List<String> signedChainHeads(String partner) {
        return issuer.signedHeads(partner, clock.instant());
    }

    /** Periodic upkeep; safe to call from one thread at a time. Failures are logged and retried next time. */
    public synchronized void maintain() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        boolean reportNow = !now.isBefore(lastReport.plusSeconds(REPORT_EVERY_SECONDS));
        for (PartnerLeases leases : partners.values()) {
            Lease lease = leases.current;
            if (lease == null) {
                continue;
            }
            boolean idle = !now.isBefore(lease.lastSpend().plusSeconds(IDLE_RELEASE_SECONDS));
            if (!lease.spendable(now) || idle) {
                leases.current = null;
                retiring.add(lease);
            } else if (!now.isBefore(lease.expires().minusSeconds(lease.grant().spendMarginSeconds() + RENEW_AHEAD_SECONDS))) {
                renew(lease);
            } else if (reportNow && lease.reportDue()) {
                report(lease);
            }
        }
        for (Lease lease : retiring) {
            if (lease.closeIfIdle() && giveBack(lease)) {
                retiring.remove(lease);
            }
        }
        if (reportNow) {
            lastReport = now;
        }
    }

    private void renew(Lease lease) {
        LeaseReport report = lease.report();
        try {
            lease.extendTo(gateway.renew(lease.id(), report));
            lease.reported(report.spentMicroEpsilon());
        } catch (LeaseGateway.LeaseGoneException e) {
            LOG.warn("lease {} is gone ({}); it is no longer spent from", lease.id(), e.getMessage());
            lease.close();
        } catch (LeaseGateway.ControlUnavailableException e) {
            LOG.warn("cannot renew lease {}: {}; it stays spendable until its margin", lease.id(), e.getMessage());
        }
    }

    private void report(Lease lease) {
        LeaseReport report = lease.report();
        try {
            gateway.report(lease.id(), report);
            lease.reported(report.spentMicroEpsilon());
        } catch (LeaseGateway.LeaseGoneException e) {
            LOG.warn("lease {} is gone ({}); it is no longer spent from", lease.id(), e.getMessage());
            lease.close();
        } catch (LeaseGateway.ControlUnavailableException e) {
            LOG.warn("cannot report lease {}: {}", lease.id(), e.getMessage());
        }
    }

    /** True when the lease is settled with the operator (given back, or already gone there). */
    private boolean giveBack(Lease lease) {
        try {
            gateway.release(lease.id(), lease.report());
            LOG.info("lease {} given back: {} of {} micro-epsilon spent", lease.id(), lease.spent(),
                    lease.grant().grantedMicroEpsilon());
            return true;
        } catch (LeaseGateway.LeaseGoneException e) {
            return true;
        } catch (LeaseGateway.ControlUnavailableException e) {
            LOG.warn("cannot give lease {} back: {}; retrying", lease.id(), e.getMessage());
            return false;
        }
    }

    /** Stops reserving and gives every lease back with its final report (best effort). */
    @Override
    public synchronized void close() {
        closed = true;
        List<Lease> all = new ArrayList<>(retiring);
        for (PartnerLeases leases : partners.values()) {
            if (leases.current != null) {
                all.add(leases.current);
                leases.current = null;
            }
        }
        for (Lease lease : all) {
            lease.close();
            giveBack(lease);
        }
        retiring.clear();
        try {
            issuer.close();
        } catch (java.io.IOException e) {
            LOG.warn("cannot close the receipt log: {}", e.getMessage());
        }
    }
}
