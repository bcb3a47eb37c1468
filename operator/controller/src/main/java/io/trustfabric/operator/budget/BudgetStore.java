package io.trustfabric.operator.budget;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.trustfabric.api.v1alpha1.ApiPatterns;
import io.trustfabric.api.v1alpha1.MicroEpsilon;
import io.trustfabric.api.v1alpha1.PeriodWindow;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.PrivacyBudgetStatus;
import io.trustfabric.operator.status.StatusAggregator;
import io.trustfabric.operator.status.StatusAggregator.StatusUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.trustfabric.operator.reading.UnreadableObjects;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only path through which PrivacyBudget.status is written, by lease calls and the reconciler alike.
 * <p>
 * Every change is read-modify-write of the budget as the API server has it, stored with its resourceVersion
 * (a PUT of the status subresource): if anyone wrote in between, the API server answers 409 and the change is
 * computed again on the fresh object. Changes to one budget are also serialized in-process, so conflicts are the
 * exception (another replica, a user) rather than the rule. A change is stored before its caller answers.
 * <p>
 * Before every change the budget is brought up to date: a new period when the current one ended, the grant
 * adjusted to spec.epsilonPerPeriod, leases past expiry plus {@link #RECLAIM_GRACE} forfeited; afterwards the
 * conditions are recomputed. So a grant never depends on the reconciler having run.
 */
public class BudgetStore {

    /** How long after its expiry an unreleased lease stays listed (in full) before it is forfeited. */
    public static final Duration RECLAIM_GRACE = Duration.ofSeconds(60);
    public static final int MAX_ATTEMPTS = 10;
    /** A Tenant name (DNS label), as the CRD requires of spec.tenantRef. */
    private static final Pattern TENANT_REF = Pattern.compile(ApiPatterns.DNS_LABEL);

    private static final Logger LOG = LoggerFactory.getLogger(BudgetStore.class);

    private final KubernetesClient client;
    private final StatusAggregator aggregator;
    private final Clock clock;
    private final BudgetEvents events;
    private final BudgetMetrics metrics;
    private final Wakeup wakeup;
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SpendRate> rates = new ConcurrentHashMap<>();
    private final AtomicLong conflicts = new AtomicLong();

    /**
     * @param wakeup told, after every stored change of a budget with open leases, when its next lease falls due for
     *               reclaim, so the budget is checked then even if no worker calls (a frozen or dead worker)
     */
    public BudgetStore(KubernetesClient client, StatusAggregator aggregator, Clock clock, BudgetEvents events,
                       BudgetMetrics metrics, Wakeup wakeup) {
        this.client = client;
        this.aggregator = aggregator;
        this.clock = clock;
        this.events = events;
        this.metrics = metrics;
        this.wakeup = wakeup;
    }

    /** Asks for the budget to be brought up to date (a reconcile) at {@code due}. */
    @FunctionalInterface
    public interface Wakeup {
        void at(String namespace, String name, Instant due);
    }

    /** When the earliest open lease may be forfeited (expires + grace); empty without open leases. */
    static java.util.Optional<Instant> nextReclaim(BudgetLedger ledger) {
        return ledger.leases().stream().map(l -> Instant.parse(l.getExpires()).plus(RECLAIM_GRACE))
                .min(Instant::compareTo);
    }

    /** A change to one budget's ledger; may run more than once (after a conflict), so it must only touch the ledger. */
    @FunctionalInterface
    public interface Change<T> {
        T apply(BudgetView budget);
    }

    /** What a change sees: the budget, its up-to-date ledger, its costs, the time, its recent spend. */
    public record BudgetView(PrivacyBudget budget, BudgetLedger ledger, BudgetCosts costs, Instant now,
                             SpendRate rate) {
        public PeriodWindow period() {
            return budget.getStatus().getPeriod();
        }
    }

    /**
     * Applies a change and stores the result.
     *
     * @throws LeaseRefusal when the change refuses, the budget is gone or unusable, or conflicts persist
     */
    public <T> T update(String namespace, String name, Change<T> change) {
        ReentrantLock lock = locks.computeIfAbsent(namespace + "/" + name, k -> new ReentrantLock());
        lock.lock();
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Attempt<T> result = attempt(namespace, name, change);
                if (result.stored()) {
                    return result.value();
                }
                conflicts.incrementAndGet();
                LOG.debug("PrivacyBudget {}/{} changed while updating it (attempt {}); retrying", namespace, name,
                        attempt);
                backOff(attempt);
            }
            throw LeaseRefusal.busy("PrivacyBudget " + namespace + "/" + name + " kept changing; retry.");
        } finally {
            lock.unlock();
        }
    }

    /** A random pause growing with the attempts, so two writers that keep colliding drift apart. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LeaseRefusal.busy("Interrupted while retrying a budget update.");
        }
    }

    /** Status writes that lost to a concurrent writer and were recomputed. */
    public long conflicts() {
        return conflicts.get();
    }

    /** Drops in-memory state of a deleted budget. */
    public void forget(PrivacyBudget budget) {
        String key = budget.getMetadata().getNamespace() + "/" + budget.getMetadata().getName();
        rates.remove(key);
        locks.remove(key);
        metrics.forget(budget);
    }

    private record Attempt<T>(boolean stored, T value) {
    }

    private <T> Attempt<T> attempt(String namespace, String name, Change<T> change) {
        PrivacyBudget budget = client.resources(PrivacyBudget.class).inNamespace(namespace).withName(name).get();
        if (budget == null) {
            throw new LeaseRefusal(404, "no-budget", "PrivacyBudget " + namespace + "/" + name + " does not exist.",
                    Map.of(), null);
        }
        if (!UnreadableObjects.readable(budget, client)) {
            // its reconciler reports it (Available=False); a spec read in part is never spent or written back
            throw new LeaseRefusal(409, "invalid-budget", "PrivacyBudget " + namespace + "/" + name + " cannot be used:"
                    + " the operator cannot read it; its Available condition says why.", Map.of(), null);
        }
        Instant now = clock.instant();
        Long generation = budget.getMetadata().getGeneration();
        StatusUpdate<PrivacyBudgetStatus> update = aggregator.begin(budget.getStatus(), PrivacyBudgetStatus::new);
        Prepared prepared;
        try {
            prepared = prepare(budget, update.status(), now);
        } catch (IllegalArgumentException invalid) {
            BudgetConditions.invalid(update, invalid.getMessage(), generation);
            update.observedGeneration(generation);
            if (!store(budget, update, new BudgetEvents.BudgetChange(update.transitions(), false, List.of()))) {
                return new Attempt<>(false, null);
            }
            throw new LeaseRefusal(409, "invalid-budget", "PrivacyBudget " + namespace + "/" + name
                    + " cannot be used: " + invalid.getMessage(), Map.of(), null);
        }
        SpendRate rate = rates.computeIfAbsent(namespace + "/" + name, k -> new SpendRate());
        budget.setStatus(update.status());
        T value = change.apply(new BudgetView(budget, prepared.ledger(), prepared.costs(), now, rate));
        BudgetConditions.apply(update, prepared.ledger(), prepared.costs(), budget.getSpec().getAlertThresholds(),
                generation);
        update.observedGeneration(generation);
        BudgetEvents.BudgetChange changed = new BudgetEvents.BudgetChange(update.transitions(), prepared.reset(),
                prepared.reclaimed());
        if (!store(budget, update, changed)) {
            return new Attempt<>(false, null);
        }
        rate.observe(now, prepared.ledger().consumed());
        metrics.record(budget, prepared.ledger());
        // a lease granted or renewed here may fall due before the reconciler's next run: wake it then
        nextReclaim(prepared.ledger()).ifPresent(due -> wakeup.at(namespace, name, due));
        return new Attempt<>(true, value);
    }

    private record Prepared(BudgetLedger ledger, BudgetCosts costs, boolean reset, List<String> reclaimed) {
    }

    /** Brings the ledger up to date with the spec and the clock. Throws IllegalArgumentException on an unusable spec. */
    private static Prepared prepare(PrivacyBudget budget, PrivacyBudgetStatus status, Instant now) {
        if (budget.getSpec() == null) {
            throw new IllegalArgumentException("spec is missing, so spec.tenantRef too: the budget cannot be"
                    + " attributed to a tenant");
        }
        String tenant = budget.getSpec().getTenantRef();
        if (tenant == null || !TENANT_REF.matcher(tenant).matches()) {
            throw new IllegalArgumentException((tenant == null || tenant.isEmpty() ? "spec.tenantRef is missing"
                    : "spec.tenantRef '" + tenant + "' is not a Tenant name") + ": the budget cannot be attributed"
                    + " to a tenant");
        }
        BudgetCosts costs = BudgetCosts.of(budget.getSpec().getCost());
        long total = MicroEpsilon.parse(budget.getSpec().getEpsilonPerPeriod());
        if (total <= 0) {
            throw new IllegalArgumentException("epsilonPerPeriod must be greater than 0");
        }
        Instant created = budget.getMetadata().getCreationTimestamp() == null ? now
                : Instant.parse(budget.getMetadata().getCreationTimestamp());
        PeriodWindow window = BudgetPeriods.containing(budget.getSpec().getPeriod(), created, now);
        boolean reset = status.getPeriod() == null || status.getMicroEpsilon() == null
                || !now.isBefore(Instant.parse(status.getPeriod().getEnd()));
        BudgetLedger ledger = reset ? BudgetLedger.startPeriod(status, window, total) : BudgetLedger.of(status);
        if (ledger.total() != total) {
            ledger.changeTotal(total);
        }
        List<String> reclaimed = ledger.reclaimExpired(now, RECLAIM_GRACE);
        return new Prepared(ledger, costs, reset, reclaimed);
    }

    /**
     * A JSON patch of the status subresource that carries the resourceVersion the budget was read at: the API
     * server applies it to the current object and refuses (409) if the patched object's resourceVersion is no
     * longer current. (A PUT of the status would do the same on a real API server, but the Fabric8 mock ignores
     * the resourceVersion of status PUTs, and the tests must see the conflicts.)
     */
    private String statusPatch(PrivacyBudget budget) {
        List<Map<String, Object>> operations = List.of(
                Map.of("op", "replace", "path", "/metadata/resourceVersion",
                        "value", budget.getMetadata().getResourceVersion()),
                Map.of("op", "add", "path", "/status", "value", budget.getStatus()));
        return client.getKubernetesSerialization().asJson(operations);
    }

    /** Stores the status if it changed, guarded by the resourceVersion it was read at; false when someone else wrote first. */
    private boolean store(PrivacyBudget budget, StatusUpdate<PrivacyBudgetStatus> update,
                          BudgetEvents.BudgetChange change) {
        if (!update.changed()) {
            return true;
        }
        budget.setStatus(update.status());
        try {
            PrivacyBudget stored = client.resources(PrivacyBudget.class).inNamespace(budget.getMetadata().getNamespace())
                    .withName(budget.getMetadata().getName()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON), statusPatch(budget));
            budget.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            if (e.getCode() == 404) {
                throw new LeaseRefusal(404, "no-budget", "PrivacyBudget " + budget.getMetadata().getNamespace()
                        + "/" + budget.getMetadata().getName() + " was deleted.", Map.of(), null);
            }
            throw e;
        }
        events.publish(budget, change);
        return true;
    }
}
