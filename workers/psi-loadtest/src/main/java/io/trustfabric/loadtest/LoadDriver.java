package io.trustfabric.loadtest;

import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.psi.wire.SetupMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load against a PSI worker: request i is due at start + i/rate whether or not earlier ones
 * have returned, and its latency is measured from that due time, not from when it was actually sent,
 * so a stalled server cannot hide its stall (no coordinated omission).
 */
public final class LoadDriver {
    private final LoadOptions options;
    private final HttpClient http;
    private final Recorder latencies = new Recorder(3);
    private final LongAdder completed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong inFlight = new AtomicLong();

    LoadDriver(LoadOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "load-http");
                    t.setDaemon(true);
                    return t;
                }))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        LoadDriver driver = new LoadDriver(options);
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
        HttpResponse<byte[]> response = http.send(authenticated(HttpRequest.newBuilder(options.endpoint().resolve("/v1/setup")))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /v1/setup answered " + response.statusCode());
        }
        return SetupMessage.decode(response.body());
    }

    /** Sends at the fixed rate for {@code length}, then waits for stragglers; returns the sending time. */
    long run(PrecomputedRequests requests, Duration length) throws InterruptedException {
        long intervalNanos = (long) (1e9 / options.rate());
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long sequence = 0;
        for (long due = start; due < end; due = start + ++sequence * intervalNanos) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(requests.body(sequence), due);
        }
        long sendingTime = System.nanoTime() - start;
        long drainDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(10);
        }
        return sendingTime;
    }

    private void send(byte[] body, long due) {
        HttpRequest request = authenticated(HttpRequest.newBuilder(options.endpoint().resolve("/v1/" + options.mode())))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        inFlight.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            latencies.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                countError(cause.getClass().getSimpleName());
            } else if (response.statusCode() != 200) {
                countError("HTTP " + response.statusCode());
            } else if (response.body().length != ElementBatch.encodedSize(options.elementsPerRequest())) {
                countError("wrong answer size");
            } else {
                completed.increment();
            }
            inFlight.decrementAndGet();
        });
    }

    private HttpRequest.Builder authenticated(HttpRequest.Builder request) {
        return options.apiKey() == null ? request : request.header("X-TrustFabric-Api-Key", options.apiKey());
    }

    private void countError(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private void reset() {
        latencies.reset();
        completed.reset();
        errors.clear();
    }

    private LoadReport report(long measuredNanos) {
        Histogram histogram = latencies.getIntervalHistogram();
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
        return new LoadReport(options, measuredNanos / 1e9, completed.sum(), errorCounts, histogram);
    }
}
