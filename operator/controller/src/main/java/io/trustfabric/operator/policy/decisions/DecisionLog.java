package io.trustfabric.operator.policy.decisions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recent policy decisions of every tenant, in memory, as the workers' OPAs upload them (docs/control-api.md,
 * "Decision logs"). Bounded three ways: entries per tenant, entries in all, and age (by arrival); the oldest go first.
 * An entry for a tenant other than the uploader's is kept only if the {@link CrossTenantRule} allows it, else it is
 * dropped and counted.
 */
public final class DecisionLog {

    /**
     * @param perTenant the most entries kept per tenant
     * @param total     the most entries kept in all
     * @param maxAge    how long an entry is kept after it arrived
     */
    public record Limits(int perTenant, int total, Duration maxAge) {
        public static final Limits DEFAULT = new Limits(10_000, 200_000, Duration.ofHours(24));

        public Limits {
            if (perTenant < 1 || total < 1 || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("decision log limits must be positive");
            }
        }
    }

    /** What became of one upload. */
    public record Accepted(int stored, int foreign, int ignored) {
    }

    private final Limits limits;
    private final Clock clock;
    private final CrossTenantRule rule;
    private final Map<TenantRef, Deque<Entry>> byTenant = new HashMap<>();
    private int total;
    private long sequence;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();

    private volatile java.util.function.Function<TenantRef, String> revisionsInForce = tenant -> null;

    /** Stamps every decision stored from now on with its tenant's revisions id in force at arrival. */
    public void stampWith(java.util.function.Function<TenantRef, String> revisionsInForce) {
        this.revisionsInForce = Objects.requireNonNull(revisionsInForce);
    }

    public DecisionLog(Limits limits, Clock clock, CrossTenantRule rule) {
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
        this.rule = Objects.requireNonNull(rule);
    }

    /** Default limits, the system clock, own tenant only. */
    public DecisionLog() {
        this(Limits.DEFAULT, Clock.systemUTC(), CrossTenantRule.sameTenantOnly());
    }

    private record Entry(long sequence, Instant receivedAt, DecisionRecord record) {
    }

    /**
     * Stores the decision events a worker of {@code uploader} sent. Events that are not decisions of the contract's
     * path or name no tenant are ignored; those of another tenant the rule refuses are dropped.
     */
    public Accepted add(TenantRef uploader, List<JsonNode> events) {
        Instant now = clock.instant();
        List<DecisionRecord> accepted = new ArrayList<>(events.size());
        int foreignCount = 0;
        int ignoredCount = 0;
        // one verdict per subject tenant and upload: the shared-pool rule reads the Tenants from the API server
        java.util.Map<TenantRef, Boolean> verdicts = new java.util.HashMap<>();
        for (JsonNode event : events) {
            Optional<DecisionRecord> record = DecisionEvents.record(event, uploader.namespace(), now);
            if (record.isEmpty()) {
                ignoredCount++;
            } else if (!verdicts.computeIfAbsent(record.get().tenant(), subject -> rule.accepts(uploader, subject))) {
                foreignCount++;
            } else {
                accepted.add(record.get().stamped(revisionsInForce.apply(record.get().tenant())));
            }
        }
        synchronized (this) {
            expire(now);
            for (DecisionRecord record : accepted) {
                Deque<Entry> entries = byTenant.computeIfAbsent(record.tenant(), key -> new ArrayDeque<>());
                entries.addLast(new Entry(sequence++, now, record));
                total++;
                if (entries.size() > limits.perTenant()) {
                    entries.removeFirst();
                    total--;
                    evicted.incrementAndGet();
                }
                while (total > limits.total()) {
                    evictOldest();
                }
            }
        }
        stored.addAndGet(accepted.size());
        foreign.addAndGet(foreignCount);
        ignored.addAndGet(ignoredCount);
        return new Accepted(accepted.size(), foreignCount, ignoredCount);
    }

    /**
     * The tenant's decisions taken at or after {@code since}, newest first, at most {@code limit}.
     */
    public synchronized List<DecisionRecord> recent(String namespace, String tenant, Instant since, int limit) {
        expire(clock.instant());
        Deque<Entry> entries = byTenant.get(new TenantRef(namespace, tenant));
        if (entries == null || limit <= 0) {
            return List.of();
        }
        List<DecisionRecord> recent = new ArrayList<>();
        Iterator<Entry> newestFirst = entries.descendingIterator();
        while (newestFirst.hasNext() && recent.size() < limit) {
            DecisionRecord record = newestFirst.next().record();
            if (!record.timestamp().isBefore(since)) {
                recent.add(record);
            }
        }
        return recent;
    }

    /** Entries held now. */
    public synchronized int size() {
        return total;
    }

    /** Decisions stored since start. */
    public long storedCount() {
        return stored.get();
    }

    /** Decisions of another tenant dropped because the rule refused them. */
    public long foreignCount() {
        return foreign.get();
    }

    /** Events ignored: not the contract's decision, or no tenant or decision id. */
    public long ignoredCount() {
        return ignored.get();
    }

    /** Entries removed early by the per-tenant or total bound (not by age). */
    public long evictedCount() {
        return evicted.get();
    }

    private void evictOldest() {
        byTenant.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .min(Comparator.comparingLong(e -> e.getValue().peekFirst().sequence()))
                .ifPresent(e -> {
                    e.getValue().removeFirst();
                    total--;
                    evicted.incrementAndGet();
                });
    }

    private void expire(Instant now) {
        Instant cutoff = now.minus(limits.maxAge());
        Iterator<Deque<Entry>> tenants = byTenant.values().iterator();
        while (tenants.hasNext()) {
            Deque<Entry> entries = tenants.next();
            while (!entries.isEmpty() && entries.peekFirst().receivedAt().isBefore(cutoff)) {
                entries.removeFirst();
                total--;
            }
            if (entries.isEmpty()) {
                tenants.remove();
            }
        }
    }
}
