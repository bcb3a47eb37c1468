package io.trustfabric.loadtest;

import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.psi.wire.SetupMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load against a PSI worker: request i is due at start + i/rate whether or not earlier ones
 * have returned, and its latency is measured from that due time, not from when it was actually sent,
 * so a stalled server cannot hide its stall (no coordinated omission).
 *
 * <p>The driver shares the machine with the worker, so every microsecond it spends is taken from the
 * worker: requests go out on one Vert.x event loop over pooled keep-alive connections, with the request
 * line and headers built once (the JDK's {@code java.net.http} client cost over a millisecond of CPU per
 * request here).
 */
public final class LoadDriver implements AutoCloseable {
    /** Enough connections for every request in flight at 600 req/s with a second of latency. */
    private static final int MAX_CONNECTIONS = 1024;
    private static final long REQUEST_TIMEOUT_MILLIS = 10_000;

    private final LoadOptions options;
    private final Vertx vertx;
    private final HttpClientAgent http;
    /** The one event-loop context every query is sent and answered on (the client is not used across threads). */
    private final Context sender;
    private final RequestOptions query;
    private final Recorder latencies = new Recorder(3);
    private final LongAdder completed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong inFlight = new AtomicLong();

    LoadDriver(LoadOptions options) {
        this.options = options;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.http = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(options.endpoint().getHost())
                        .setDefaultPort(port(options))
                        .setKeepAlive(true)
                        .setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
        this.sender = vertx.getOrCreateContext();
        this.query = authenticated(new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI("/v1/" + options.mode())
                .setConnectTimeout(REQUEST_TIMEOUT_MILLIS) // includes waiting for a pooled connection
                .setIdleTimeout(REQUEST_TIMEOUT_MILLIS)
                .putHeader("Content-Type", PsiMediaTypes.ELEMENTS_V1));
    }

    private static int port(LoadOptions options) {
        if (!"http".equals(options.endpoint().getScheme())) {
            throw new IllegalArgumentException("the load driver speaks plain HTTP only, got " + options.endpoint());
        }
        return options.endpoint().getPort() > 0 ? options.endpoint().getPort() : 80;
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

    private SetupMessage fetchSetup() throws InterruptedException, ExecutionException, TimeoutException {
        RequestOptions get = authenticated(new RequestOptions().setMethod(HttpMethod.GET).setURI("/v1/setup"));
        byte[] body = http.request(get)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("GET /v1/setup answered " + response.statusCode()))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS)
                .getBytes();
        return SetupMessage.decode(body);
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
        long unanswered = inFlight.get();
        if (unanswered > 0) { // counted, never silently dropped: they would hide the worst latencies
            errors.computeIfAbsent("no answer after the 30 s drain", k -> new LongAdder()).add(unanswered);
        }
        return sendingTime;
    }

    private void send(byte[] body, long due) {
        inFlight.incrementAndGet();
        sender.runOnContext(v -> sendOnEventLoop(body, due));
    }

    private void sendOnEventLoop(byte[] body, long due) {
        http.request(query)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(answer -> response.statusCode() != 200
                        ? "HTTP " + response.statusCode()
                        : answer.length() != ElementBatch.encodedSize(options.elementsPerRequest()) ? "wrong answer size"
                        : null))
                .timeout(REQUEST_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) // whatever hangs is counted as an error
                .onComplete(outcome -> {
                    latencies.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                    if (outcome.failed()) {
                        Throwable error = outcome.cause();
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        countError(cause.getClass().getSimpleName());
                    } else if (outcome.result() != null) {
                        countError(outcome.result());
                    } else {
                        completed.increment();
                    }
                    inFlight.decrementAndGet();
                });
    }

    private RequestOptions authenticated(RequestOptions request) {
        return options.apiKey() == null ? request : request.putHeader("X-TrustFabric-Api-Key", options.apiKey());
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
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
