package io.trustfabric.worker.budget;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.worker.receipts.ReceiptIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spends a worker's privacy budget only from operator-granted leases, one current lease per partner.
 * {@link #reserve} takes a query's cost from the partner's lease before anything is computed, asking the
 * operator for a new lease (sized to the partner's recent spend) when the current one cannot cover it.
 * {@link #maintain} (called every second) reports spend and receipts, renews busy leases before their
 * spend margin, and gives back leases that are idle, replaced or past their margin.
 *
 * <p>Refusals are cheap (issue 15): the queries of one partner that need a new lease at the same time share
 * <em>one</em> lease request (the first starts it on this accountant's own lease-request threads, the others wait
 * for its outcome without holding a thread); and a refusal the operator gave (no-budget, invalid-budget,
 * budget-exhausted, unreachable, not-leader, 5xx) is remembered for {@link #REFUSAL_MEMORY}, or the operator's
 * {@code Retry-After} up to {@link #REFUSAL_MEMORY_MAX} (an exhausted budget: never past its period end), during
 * which the partner's queries are refused at once without asking again. A remembered refusal never lets a query
 * through; a granted lease forgets it, and so does giving back a lease's unspent rest (for an exhausted budget).
 */
public final class BudgetAccountant implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetAccountant.class);
    static final long RENEW_AHEAD_SECONDS = 20;
    static final long REPORT_EVERY_SECONDS = 5;
    static final long IDLE_RELEASE_SECONDS = SpendRate.WINDOW_SECONDS;
    /** How long a refusal from the operator is remembered when it gave no (or a shorter) {@code Retry-After}. */
    static final Duration REFUSAL_MEMORY = Duration.ofSeconds(1);
    /** The longest a refusal is remembered, whatever {@code Retry-After} said (a budget may be raised or reset). */
    static final Duration REFUSAL_MEMORY_MAX = Duration.ofSeconds(10);

    private final LeaseGateway gateway;
    private final ReceiptIssuer issuer;
    private final String holder;
    private final Clock clock;
    private final Map<String, PartnerLeases> partners = new ConcurrentHashMap<>();
    private final List<Lease> retiring = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private Instant lastReport = Instant.EPOCH;
    private final AtomicLong leaseRequests = new AtomicLong();
    private final ExecutorService leaseRequestThreads;

    public BudgetAccountant(LeaseGateway gateway, ReceiptIssuer issuer, String holder, Clock clock) {
        this.gateway = gateway;
        this.issuer = issuer;
        this.holder = holder;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        // at most one lease request per partner is in flight, so this grows with the partners asking at once
        this.leaseRequestThreads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "budget-lease-" + holder + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One partner's current lease, the cost table last seen, and the partner's recent spend. */
    private static final class PartnerLeases {
        volatile Lease current;
        volatile LeaseGrant lastGrant;
        final SpendRate rate = new SpendRate();
        /** the partner's one lease request in flight, or null; guarded by this */
        CompletableFuture<Reservation> inFlight;
        /** the operator's last refusal while it is remembered, or null */
        volatile RememberedRefusal refusal;
    }

    /**
     * A refusal from the operator, answered again without asking until {@code until}. An exhausted budget refuses
     * only queries that cost at least what was refused ({@code atLeast}) or whose cost is not known yet.
     */
    private record RememberedRefusal(BudgetRefusedException refusal, Instant until, long atLeast) {
        boolean refuses(Instant now, long knownCost) {
            return now.isBefore(until) && (refusal.reason() != BudgetRefusedException.Reason.EXHAUSTED
                    || knownCost <= 0 || knownCost >= atLeast);
        }
    }

    /**
     * Reserves a query's cost, waiting while a lease is asked for. Blocks: never call on the event loop;
     * {@link #reserveAsync} does not.
     *
     * @throws BudgetRefusedException when the query must be refused; nothing has been reserved then
     */
    public Reservation reserve(String partner, PsiMode mode, long elements) throws BudgetRefusedException {
        try {
            return reserveAsync(partner, mode, elements).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BudgetRefusedException refused) {
                throw refused;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /**
     * Reserves a query's cost without waiting for the operator: the result is complete at once when the current
     * lease covers the query or a remembered refusal refuses it, and otherwise when the partner's one lease request
     * in flight (started here if there is none) has an answer. Never does I/O on the calling thread; it may wait
     * briefly for a lease's lock (held while a receipt is appended), so call it off the event loop. Fails with
     * {@link BudgetRefusedException} when the query must be refused; nothing has been reserved then.
     */
    public CompletableFuture<Reservation> reserveAsync(String partner, PsiMode mode, long elements) {
        CompletableFuture<Reservation> result = new CompletableFuture<>();
        attempt(partner, mode, elements, result);
        return result;
    }

    private void attempt(String partner, PsiMode mode, long elements, CompletableFuture<Reservation> result) {
        CompletableFuture<Reservation> pending;
        try {
            if (closed) {
                throw new BudgetRefusedException(BudgetRefusedException.Reason.UNAVAILABLE,
                        "the worker is shutting down", null);
            }
            PartnerLeases leases = partners.computeIfAbsent(partner, p -> new PartnerLeases());
            Reservation fast = tryCurrent(leases, mode, elements);
            if (fast != null) {
                result.complete(fast);
                return;
            }
            synchronized (leases) { // no I/O under this lock: it only decides who asks the operator
                Reservation again = tryCurrent(leases, mode, elements);
                if (again != null) {
                    result.complete(again);
                    return;
                }
                RememberedRefusal remembered = leases.refusal;
                if (remembered != null && remembered.refuses(clock.instant(), knownCost(leases, mode, elements))) {
                    throw remembered.refusal(); // fail closed, without asking again
                }
                pending = leases.inFlight;
                if (pending == null) {
                    CompletableFuture<Reservation> flight = new CompletableFuture<>();
                    leases.inFlight = flight;
                    flight.whenComplete((reservation, error) -> {
                        if (error == null) {
                            result.complete(reservation);
                        } else {
                            result.completeExceptionally(unwrap(error));
                        }
                    });
                    try {
                        leaseRequestThreads.execute(() -> fly(partner, leases, mode, elements, flight));
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        leases.inFlight = null;
                        flight.completeExceptionally(new BudgetRefusedException(
                                BudgetRefusedException.Reason.UNAVAILABLE, "the worker is shutting down", null));
                    }
                    return;
                }
            }
        } catch (BudgetRefusedException e) {
            result.completeExceptionally(e);
            return;
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        // another query of this partner is asking already: look again once it has its answer (the lease it got
        // may cover this query too, or its refusal is remembered); the other query's own outcome is not ours
        pending.whenComplete((ignored, error) -> attempt(partner, mode, elements, result));
    }

    /** The partner's one lease request: asks the operator for a lease covering the first query that needed it. */
    private void fly(String partner, PartnerLeases leases, PsiMode mode, long elements,
                     CompletableFuture<Reservation> flight) {
        Reservation reservation = null;
        Throwable error = null;
        try {
            reservation = reserveFromNewLease(partner, leases, mode, elements);
        } catch (BudgetRefusedException | RuntimeException e) {
            error = e;
        }
        if (error == null && closed) { // shut down while the operator was asked: refuse, and give the lease back
            reservation.release();
            error = new BudgetRefusedException(BudgetRefusedException.Reason.UNAVAILABLE, "the worker is shutting down",
                    null);
            giveBackAfterClose(leases);
        }
        synchronized (leases) {
            leases.inFlight = null; // before completing: a query looking again starts the next request, if any
        }
        if (error == null) {
            flight.complete(reservation);
        } else {
            flight.completeExceptionally(error);
        }
    }

    /** A lease granted after {@link #close} gave the others back: give it back too (best effort). */
    private synchronized void giveBackAfterClose(PartnerLeases leases) {
        Lease lease = leases.current;
        if (lease != null) {
            leases.current = null;
            lease.close();
            giveBack(lease);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static long knownCost(PartnerLeases leases, PsiMode mode, long elements) {
        LeaseGrant grant = leases.lastGrant;
        return grant == null ? 0 : Math.max(0, grant.cost(mode, elements));
    }

    /** Lease requests sent to the operator so far (each coalesced request counts once). */
    public long leaseRequests() {
        return leaseRequests.get();
    }

    /** One lease request to the operator: a grant forgets a remembered refusal, a refusal is remembered. */
    private LeaseGrant ask(String partner, PartnerLeases leases, long request) throws BudgetRefusedException {
        leaseRequests.incrementAndGet();
        try {
            LeaseGrant grant = gateway.acquire(holder, partner, request);
            leases.refusal = null;
            return grant;
        } catch (BudgetRefusedException e) {
            RememberedRefusal remembered = remember(e, request);
            leases.refusal = remembered;
            LOG.warn("lease for partner {} refused ({}: {}); its queries are refused without asking again until {}",
                    partner, e.reason(), e.getMessage(), remembered.until());
            throw e;
        }
    }

    private RememberedRefusal remember(BudgetRefusedException e, long request) {
        Duration memory = REFUSAL_MEMORY;
        if (e.retryAfter() != null && e.retryAfter().compareTo(memory) > 0) {
            memory = e.retryAfter().compareTo(REFUSAL_MEMORY_MAX) > 0 ? REFUSAL_MEMORY_MAX : e.retryAfter();
        }
        Instant until = clock.instant().plus(memory);
        if (e.reason() == BudgetRefusedException.Reason.EXHAUSTED && e.periodEnd() != null
                && e.periodEnd().isBefore(until)) {
            until = e.periodEnd(); // a new period has a new budget
        }
        return new RememberedRefusal(e, until, Math.max(1, request));
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
            grant = ask(partner, leases, request);
        } catch (BudgetRefusedException e) {
            if (e.reason() != BudgetRefusedException.Reason.EXHAUSTED || request <= knownCost || knownCost == 0) {
                throw e;
            }
            grant = ask(partner, leases, knownCost); // the rate asked for more than is left
        }
        Lease lease = install(leases, grant);
        long cost = cost(grant, mode, elements);
        Reservation r = lease.tryReserve(mode, elements, cost, clock.instant());
        if (r == null && cost > grant.grantedMicroEpsilon() && knownCost == 0) {
            lease = install(leases, ask(partner, leases, cost)); // first lease was sized without the cost
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
            forgetExhausted(lease);
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

    /** The rest just given back can be leased again: an exhausted refusal of its partner is out of date. */
    private void forgetExhausted(Lease lease) {
        PartnerLeases leases = partners.get(lease.grant().partner());
        RememberedRefusal remembered = leases == null ? null : leases.refusal;
        if (remembered != null && remembered.refusal().reason() == BudgetRefusedException.Reason.EXHAUSTED
                && lease.spent() < lease.grant().grantedMicroEpsilon()) {
            leases.refusal = null;
        }
    }

    /** Stops reserving and gives every lease back with its final report (best effort). */
    @Override
    public synchronized void close() {
        closed = true;
        leaseRequestThreads.shutdown();
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
