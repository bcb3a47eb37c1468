package io.trustfabric.operator.budget;

import io.trustfabric.api.v1alpha1.BudgetLease;
import io.trustfabric.api.v1alpha1.PrivacyBudgetStatus;
import io.trustfabric.operator.budget.BudgetStore.BudgetView;
import io.trustfabric.operator.budget.LeaseMessages.LeaseGrant;
import io.trustfabric.operator.budget.LeaseMessages.LeaseReleased;
import io.trustfabric.operator.budget.LeaseMessages.LeaseReport;
import io.trustfabric.operator.budget.LeaseMessages.LeaseRequest;
import io.trustfabric.operator.budget.LeaseMessages.LeaseState;
import io.trustfabric.operator.budget.LeaseMessages.ReceiptReport;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The budget side of the lease endpoints: grant, report/renew and release, each stored before it returns. */
public class LeaseService {

    /** How long a lease (or a renewal) lasts; never past the period's end. */
    public static final Duration LEASE_TIME = Duration.ofSeconds(30);
    /** Workers stop spending a lease this long before its expiry by their clock; must stay below the reclaim grace. */
    public static final Duration SPEND_MARGIN = Duration.ofSeconds(10);

    private static final Pattern HOLDER = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern PARTNER = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern LEASE_ID = Pattern.compile("e[0-9]{1,18}-[0-9a-f]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How many sampled receipts one report may carry. */
    public static final int MAX_SAMPLE = 4;

    private final BudgetResolver resolver;
    private final BudgetStore store;
    private final SampledReceipts samples;

    public LeaseService(BudgetResolver resolver, BudgetStore store) {
        this(resolver, store, SampledReceipts.NONE);
    }

    /** @param samples checks the receipts a report samples, once the report is stored */
    public LeaseService(BudgetResolver resolver, BudgetStore store, SampledReceipts samples) {
        this.resolver = resolver;
        this.store = store;
        this.samples = samples;
    }

    public LeaseGrant grant(String namespace, String tenant, LeaseRequest request) {
        validate(request);
        String budgetName = resolver.resolve(namespace, tenant, request.partner());
        return store.update(namespace, budgetName, view -> grant(view, tenant, request));
    }

    /** Records a report; with {@code renew} also extends the lease (refused once it expired). */
    public LeaseState report(String namespace, String tenant, String leaseId, LeaseReport report, boolean renew) {
        validateLeaseId(leaseId);
        validate(report);
        String budgetName = resolver.holding(namespace, tenant, leaseId);
        LeaseState state = store.update(namespace, budgetName, view -> {
            BudgetLease lease = view.ledger().lease(leaseId).orElseThrow(() -> LeaseRefusal.unknownLease(leaseId));
            boolean expired = !view.now().isBefore(Instant.parse(lease.getExpires()));
            if (renew && expired) {
                throw LeaseRefusal.leaseExpired(leaseId);
            }
            apply(view.ledger(), leaseId, report);
            if (renew) {
                view.ledger().extend(leaseId, expiry(view));
            }
            BudgetLease now = view.ledger().lease(leaseId).orElseThrow();
            return new LeaseState(leaseId, now.getMicroEpsilon(), now.getSpent(), now.getExpires(),
                    view.period().getEnd(), view.ledger().epoch());
        });
        checkSample(namespace, tenant, leaseId, report);
        return state;
    }

    private void checkSample(String namespace, String tenant, String leaseId, LeaseReport report) {
        if (report.receipts() != null && report.receipts().sample() != null && !report.receipts().sample().isEmpty()) {
            samples.check(namespace, tenant, leaseId, report.receipts());
        }
    }

    /** Closes a lease: the reported spend is consumed, the rest returns unless the lease already expired. */
    public LeaseReleased release(String namespace, String tenant, String leaseId, LeaseReport report) {
        validateLeaseId(leaseId);
        validate(report);
        String budgetName = resolver.holding(namespace, tenant, leaseId);
        LeaseReleased released = store.update(namespace, budgetName, view -> {
            BudgetLease lease = view.ledger().lease(leaseId).orElseThrow(() -> LeaseRefusal.unknownLease(leaseId));
            apply(view.ledger(), leaseId, report);
            long spent = view.ledger().lease(leaseId).orElseThrow().getSpent();
            long returned;
            if (view.now().isBefore(Instant.parse(lease.getExpires()))) {
                returned = view.ledger().release(leaseId);
            } else {
                view.ledger().forfeit(leaseId);
                returned = 0;
            }
            return new LeaseReleased(leaseId, spent, returned, view.ledger().remaining());
        });
        checkSample(namespace, tenant, leaseId, report);
        return released;
    }

    private static LeaseGrant grant(BudgetView view, String tenant, LeaseRequest request) {
        BudgetLedger ledger = view.ledger();
        if (ledger.leases().size() >= PrivacyBudgetStatus.MAX_LEASES) {
            throw new LeaseRefusal(503, "lease-limit", "The budget already has " + PrivacyBudgetStatus.MAX_LEASES
                    + " live leases; retry when some are released or expired.", Map.of(), 5L);
        }
        long amount = LeaseSizer.size(request.requestMicroEpsilon(), view.rate().spendIn(LeaseSizer.HORIZON),
                view.costs(), ledger.total(), ledger.remaining()).orElseThrow(() -> exhausted(view, request));
        String id = "e" + ledger.epoch() + "-" + HexFormat.of().formatHex(randomBytes());
        BudgetLease lease = ledger.grant(id, request.holder(), amount, expiry(view));
        return new LeaseGrant(id, view.budget().getMetadata().getName(), tenant, request.partner(),
                request.holder(), amount, lease.getExpires(), view.period().getStart(), view.period().getEnd(),
                ledger.epoch(), unconsumedBesides(ledger, amount), view.costs().asJson(), SPEND_MARGIN.toSeconds());
    }

    /**
     * What the budget has not consumed, less this lease's grant: other leases' unspent rest stays in, so the
     * worker's remaining-after (this plus the lease's unspent rest) is an upper bound however many workers spend.
     */
    static long unconsumedBesides(BudgetLedger ledger, long granted) {
        return ledger.total() - ledger.consumed() - granted;
    }

    private static LeaseRefusal exhausted(BudgetView view, LeaseRequest request) {
        String end = view.period().getEnd();
        long remaining = view.ledger().remaining();
        long untilEnd = Math.max(1, Duration.between(view.now(), Instant.parse(end)).toSeconds());
        String need = request.requestMicroEpsilon() == null ? "" : " (the query needs "
                + request.requestMicroEpsilon() + " micro-epsilon)";
        return new LeaseRefusal(429, "budget-exhausted", "The privacy budget '" + view.budget().getMetadata().getName()
                + "' has " + remaining + " micro-epsilon left to grant" + need + "; it resets at " + end + ".",
                Map.of("periodEnd", end, "remainingMicroEpsilon", remaining), untilEnd);
    }

    private static Instant expiry(BudgetView view) {
        Instant wanted = view.now().plus(LEASE_TIME);
        Instant periodEnd = Instant.parse(view.period().getEnd());
        return wanted.isAfter(periodEnd) ? periodEnd : wanted;
    }

    private static void apply(BudgetLedger ledger, String leaseId, LeaseReport report) {
        if (report.spentMicroEpsilon() != null) {
            ledger.reportSpent(leaseId, report.spentMicroEpsilon());
        }
        ReceiptReport receipts = report.receipts();
        if (receipts != null) {
            ledger.reportReceipts(leaseId, receipts.count(), receipts.chainHead(),
                    receipts.last() == null ? List.of() : receipts.last());
        }
    }

    private static void validate(LeaseRequest request) {
        if (request == null) {
            throw LeaseRefusal.invalidRequest("The body must be a JSON object with holder and partner.");
        }
        if (request.holder() == null || !HOLDER.matcher(request.holder()).matches()) {
            throw LeaseRefusal.invalidRequest("holder must be the worker pod's name (lower-case letters, digits, '-' and"
                    + " '.', at most 253 characters).");
        }
        if (request.partner() == null || !PARTNER.matcher(request.partner()).matches()) {
            throw LeaseRefusal.invalidRequest("partner must be a partner id (a DNS label of at most 63 characters).");
        }
        if (request.requestMicroEpsilon() != null && request.requestMicroEpsilon() <= 0) {
            throw LeaseRefusal.invalidRequest("requestMicroEpsilon must be a positive integer.");
        }
    }

    private static void validate(LeaseReport report) {
        if (report.spentMicroEpsilon() != null && report.spentMicroEpsilon() < 0) {
            throw LeaseRefusal.invalidRequest("spentMicroEpsilon must not be negative.");
        }
        ReceiptReport receipts = report.receipts();
        if (receipts != null) {
            if (receipts.count() == null || receipts.count() < 0) {
                throw LeaseRefusal.invalidRequest("receipts.count must be a non-negative integer.");
            }
            if (receipts.last() != null && (receipts.last().size() > 10
                    || receipts.last().stream().anyMatch(r -> r == null || r.length() > 2048))) {
                throw LeaseRefusal.invalidRequest("receipts.last holds at most 10 receipts of at most 2048 characters.");
            }
            if (receipts.sample() != null && (receipts.sample().size() > MAX_SAMPLE
                    || receipts.sample().stream().anyMatch(r -> r == null || r.length() > 2048))) {
                throw LeaseRefusal.invalidRequest("receipts.sample holds at most " + MAX_SAMPLE
                        + " receipts of at most 2048 characters.");
            }
            if (receipts.chainHead() != null && receipts.chainHead().length() > 128) {
                throw LeaseRefusal.invalidRequest("receipts.chainHead is at most 128 characters.");
            }
        }
    }

    private static void validateLeaseId(String leaseId) {
        if (leaseId == null || !LEASE_ID.matcher(leaseId).matches()) {
            throw LeaseRefusal.unknownLease(String.valueOf(leaseId).replaceAll("[^A-Za-z0-9-]", "?"));
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
