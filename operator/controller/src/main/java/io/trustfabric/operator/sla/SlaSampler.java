package io.trustfabric.operator.sla;

import io.trustfabric.api.v1alpha1.SlaMeasurement;
import io.trustfabric.api.v1alpha1.SlaTargets;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.causal.MetricWindow;
import io.trustfabric.operator.causal.MetricWindowSink;
import io.trustfabric.operator.causal.TrackedMetric;
import io.trustfabric.operator.policy.decisions.TenantRef;
import io.trustfabric.operator.pool.PoolNames;
import io.trustfabric.operator.tenant.TenantResourceNames;
import io.trustfabric.operator.tenant.WorkerEndpoints;
import io.trustfabric.operator.tenant.WorkerPlan;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every scrape interval: reads each tenant's worker replicas' {@code /metrics}, turns the counters into the
 * interval's increase, keeps the tenant's {@link SlaHistory}, computes its numbers and verdict, hands the drill-down
 * its {@link MetricWindow}, and asks for a Tenant reconcile when the (rounded) report changed. Also collects the
 * receipt verify tally and replay durations, which the report carries.
 */
public final class SlaSampler implements ReplayDurations, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlaSampler.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper COPY = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Supplier<List<Tenant>> tenants;
    private final WorkerEndpoints endpoints;
    private final MetricsScraper scraper;
    private final MetricWindowSink windows;
    private final SlaMetrics metrics;
    private final Clock clock;
    private final Consumer<TenantRef> changed;
    private final Map<TenantRef, TenantSamples> samples = new HashMap<>();
    private final Map<TenantRef, SlaReport> reports = new ConcurrentHashMap<>();
    private final Map<TenantRef, ReceiptTally> receipts = new ConcurrentHashMap<>();
    private final Map<TenantRef, Duration> replays = new ConcurrentHashMap<>();
    private ScheduledExecutorService schedule;

    /** One tenant's sampling state: cumulative counters per replica, the history, when it was last scraped. */
    private static final class TenantSamples {
        final SlaHistory history = new SlaHistory();
        Map<URI, CounterSnapshot> replicas = Map.of();
        Instant lastScrape;
    }

    /**
     * @param changed called (on the sampler's thread) when a tenant's report changed: it should reconcile the Tenant
     */
    public SlaSampler(Supplier<List<Tenant>> tenants, WorkerEndpoints endpoints, MetricsScraper scraper,
                      MetricWindowSink windows, SlaMetrics metrics, Clock clock, Consumer<TenantRef> changed) {
        this.tenants = tenants;
        this.endpoints = endpoints;
        this.scraper = scraper;
        this.windows = windows;
        this.metrics = metrics;
        this.clock = clock;
        this.changed = changed;
    }

    public synchronized void start(Duration interval) {
        schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sla-sampler");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::sampleSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    /** The latest report of the tenant; empty before its first scrape or without spec.sla. */
    public Optional<SlaReport> report(TenantRef tenant) {
        return Optional.ofNullable(reports.get(tenant));
    }

    /** A sampled receipt was checked ({@link SampledReceiptCheck}). */
    public void receiptChecked(TenantRef tenant, boolean verified) {
        receipts.computeIfAbsent(tenant, t -> new ReceiptTally()).record(clock.instant(), verified);
    }

    @Override
    public void finished(TenantRef tenant, Duration took) {
        if (tenant != null && took != null && !took.isNegative()) {
            replays.put(tenant, took);
            if (reports.containsKey(tenant)) {
                publish(tenant, reports.get(tenant).verdict(), reports.get(tenant).measurement());
            }
        }
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.warn("SLA sampling failed; retrying at the next interval: {}", e.toString());
        }
    }

    /** One round over every tenant (the scheduled task; tests call it directly). */
    public synchronized void sample() {
        Instant now = clock.instant();
        List<Tenant> all = tenants.get();
        Set<TenantRef> present = all.stream().map(SlaSampler::ref).collect(Collectors.toSet());
        samples.keySet().removeIf(t -> !present.contains(t));
        reports.keySet().stream().filter(t -> !present.contains(t)).toList().forEach(this::forget);
        Map<URI, Scrape> round = new HashMap<>();
        for (Tenant tenant : all) {
            try {
                sample(tenant, now, round);
            } catch (RuntimeException e) {
                LOG.warn("SLA sampling of Tenant {} failed: {}", ref(tenant), e.toString());
            }
        }
    }

    /** A replica's parsed metrics in this round, or why they could not be read; shared by a pool's tenants. */
    private record Scrape(List<PrometheusText.Sample> samples, String problem) {
    }

    private void sample(Tenant tenant, Instant now, Map<URI, Scrape> round) {
        TenantRef ref = ref(tenant);
        TenantSamples state = samples.computeIfAbsent(ref, t -> new TenantSamples());
        String pool = WorkerPlan.pool(tenant);
        String deployment = pool == null ? TenantResourceNames.workers(tenant) : PoolNames.workers(pool);
        List<URI> targets = endpoints.ready(ref.namespace(), deployment);
        Map<URI, CounterSnapshot> current = new LinkedHashMap<>();
        String problem = targets.isEmpty() ? "no ready replica of Deployment " + deployment : null;
        for (URI target : targets) {
            Scrape scrape = round.computeIfAbsent(target, this::scrape);
            if (scrape.problem() != null) {
                problem = problem == null ? scrape.problem() : problem;
                continue;
            }
            try {
                current.put(target, CounterSnapshot.of(scrape.samples(), ref.toString()));
            } catch (IllegalArgumentException e) {
                problem = target + ": " + e.getMessage();
            }
        }
        Interval interval = null;
        if (state.lastScrape != null && !current.isEmpty()) {
            long seconds = Math.max(1, Duration.between(state.lastScrape, now).toSeconds());
            interval = new Interval(now.getEpochSecond(), seconds, 0, 0, null, 0, 0);
            Interval sum = null;
            for (Map.Entry<URI, CounterSnapshot> e : current.entrySet()) {
                CounterSnapshot before = state.replicas.get(e.getKey());
                if (before != null) {
                    Interval increase = e.getValue().since(before, now.getEpochSecond(), seconds);
                    sum = sum == null ? increase : sum.plus(increase);
                }
            }
            if (sum != null) {
                interval = new Interval(now.getEpochSecond(), seconds, sum.good(), sum.bad(), sum.buckets(),
                        sum.decisions(), sum.denied());
            }
            state.history.add(interval);
        }
        if (!current.isEmpty()) {
            state.replicas = current;
            state.lastScrape = now;
        }
        if (interval != null) {
            windows.accept(window(ref, tenant, interval));
        }
        SlaTargets targetsSpec = tenant.getSpec() == null ? null : tenant.getSpec().getSla();
        if (targetsSpec == null) {
            forget(ref);
            return;
        }
        SlaNumbers numbers = SlaCalculator.compute(state.history, now, targetsSpec);
        SlaVerdict verdict = SlaJudge.judge(targetsSpec, current.isEmpty() ? null : numbers, problem);
        metrics.record(ref, targetsSpec, verdict);
        publish(ref, verdict, numbers.toMeasurement());
    }

    private void publish(TenantRef ref, SlaVerdict verdict, SlaMeasurement numbers) {
        Instant now = clock.instant();
        SlaMeasurement measurement = COPY.convertValue(numbers, SlaMeasurement.class);
        ReceiptTally tally = receipts.get(ref);
        measurement.setVerifyRatePercent(tally == null ? null : SlaNumbers.round(tally.verifyRate(now) == null ? null
                : tally.verifyRate(now) * 100));
        measurement.setReceiptsSampled(tally == null ? null : tally.sampled(now));
        Duration replay = replays.get(ref);
        measurement.setReplayLatencySeconds(replay == null ? null : SlaNumbers.round(replay.toMillis() / 1000.0));
        measurement.setMeasuredAt(now.truncatedTo(ChronoUnit.SECONDS).toString());
        SlaReport report = new SlaReport(measurement, verdict);
        SlaReport before = reports.get(ref);
        // an equal report keeps the earlier measuredAt, so a re-measurement of the same numbers patches nothing
        if (before == null || !before.equals(report)) {
            reports.put(ref, report);
            changed.accept(ref);
        }
    }

    private void forget(TenantRef ref) {
        if (reports.remove(ref) != null) {
            metrics.forget(ref);
            changed.accept(ref);
        }
    }

    private Scrape scrape(URI target) {
        try {
            return new Scrape(scraper.scrape(target), null);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Scraping {} failed: {}", target, e.toString());
            return new Scrape(null, target + ": " + e.getMessage());
        }
    }

    private static MetricWindow window(TenantRef ref, Tenant tenant, Interval interval) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (interval.requests() > 0) {
            values.put(TrackedMetric.REQUEST_RATE.key(), (double) interval.requests() / interval.seconds());
            Double p95 = SlaCalculator.quantile(0.95, interval);
            if (p95 != null) {
                values.put(TrackedMetric.P95_LATENCY.key(), p95 * 1000);
            }
            values.put(TrackedMetric.ERROR_RATIO.key(), 100.0 * interval.bad() / interval.requests());
        }
        if (interval.decisions() > 0) {
            values.put(TrackedMetric.DENIAL_RATE.key(), 100.0 * interval.denied() / interval.decisions());
        }
        return new MetricWindow(ref, Instant.ofEpochSecond(interval.start()), Instant.ofEpochSecond(interval.end()),
                values, tenant.getStatus() == null ? null : tenant.getStatus().getRevisions());
    }

    static TenantRef ref(Tenant tenant) {
        return new TenantRef(Objects.requireNonNull(tenant.getMetadata().getNamespace()),
                tenant.getMetadata().getName());
    }
}
