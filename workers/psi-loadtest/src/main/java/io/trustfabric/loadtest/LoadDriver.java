package io.trustfabric.loadtest;

import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.SetupMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load against a PSI worker: request i is due at start + i/rate whether or not earlier ones
 * have returned, and its latency is measured from that due time, not from when it was actually sent,
 * so a stalled server cannot hide its stall (no coordinated omission).
 * Queries go out through a {@link QueryClient}, the cheapest on CPU we have: the driver shares the machine
 * with the worker.
 */
public final class LoadDriver implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final LoadOptions options;
    private final QueryClient http;
    private final QueryClient.Query query;
    private final Recorder latencies = new Recorder(3);
    private final LongAdder completed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    LoadDriver(LoadOptions options) {
        this.options = options;
        this.http = new QueryClient(options.endpoint(), options.apiKey(), REQUEST_TIMEOUT);
        this.query = http.elementsPost("/v1/" + options.mode());
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        try (LoadDriver driver = new LoadDriver(options)) {
            drive(driver, options);
        }
    }

    private static void drive(LoadDriver driver, LoadOptions options) throws Exception {
        SetupMessage setup = driver.fetchSetup();
        System.out.printf("setup: tenant %s, key epoch %d, %d server items, %s encoding%n",
                setup.context().tenantId(), setup.context().epoch(), setup.digest().itemCount(),
                setup.digest().encoding().configName());
        PrecomputedRequests requests = PrecomputedRequests.blind(setup, options);
        System.out.printf("precomputed %d distinct requests of %d elements%n",
                options.distinctRequests(), options.elementsPerRequest());

        driver.run(requests, options.warmup());
        driver.reset();
        long cpuBefore = processCpuNanos();
        long measuredNanos = driver.run(requests, options.duration());
        long driverCpuNanos = processCpuNanos() - cpuBefore;
        LoadReport report = driver.report(measuredNanos);
        System.out.println(report.text());
        long sent = report.succeeded() + report.failed();
        System.out.printf(java.util.Locale.ROOT, "driver CPU         %.2f s (%.1f us per request, %.0f%% of one core)%n",
                driverCpuNanos / 1e9, sent == 0 ? 0 : driverCpuNanos / 1e3 / sent, 100.0 * driverCpuNanos / measuredNanos);
        System.out.println(report.json());
    }

    /** CPU time of this whole JVM (all threads, GC and JIT included), the driver's own cost on a shared machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private SetupMessage fetchSetup() throws IOException, InterruptedException {
        return SetupMessage.decode(http.get("/v1/setup"));
    }

    /** Sends at the fixed rate for {@code length}, then waits for stragglers; returns the sending time. */
    long run(PrecomputedRequests requests, Duration length) throws InterruptedException {
        long intervalNanos = (long) (1e9 / options.rate());
        long start = System.nanoTime();
        http.pace(start, intervalNanos, start + length.toNanos(),
                sequence -> send(requests.body(sequence), start + sequence * intervalNanos));
        long sendingTime = System.nanoTime() - start;
        long unanswered = http.awaitAnswers(DRAIN);
        if (unanswered > 0) { // counted, never silently dropped: they would hide the worst latencies
            errors.computeIfAbsent("no answer after the " + DRAIN.toSeconds() + " s drain", k -> new LongAdder()).add(unanswered);
        }
        return sendingTime;
    }

    private void send(byte[] body, long due) {
        http.send(query, body, answer -> {
            latencies.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
            if (!answer.succeeded()) {
                countError(answer.failure());
            } else if (answer.status() != 200) {
                countError("HTTP " + answer.status());
            } else if (answer.bodyBytes() != ElementBatch.encodedSize(options.elementsPerRequest())) {
                countError("wrong answer size");
            } else {
                completed.increment();
            }
        });
    }

    @Override
    public void close() {
        http.close();
    }

    private void countError(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private void reset() {
        latencies.reset();
        completed.reset();
        errors.clear();
    }

    LoadReport report(long measuredNanos) {
        Histogram histogram = latencies.getIntervalHistogram();
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
        return new LoadReport(options, measuredNanos / 1e9, completed.sum(), errorCounts, histogram);
    }
}
