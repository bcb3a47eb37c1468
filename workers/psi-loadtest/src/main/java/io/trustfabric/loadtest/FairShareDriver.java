package io.trustfabric.loadtest;

import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.psi.protocol.PartnerQuery;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.psi.wire.SetupMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Fair-share load: drives every tenant of a shared pool worker at the same open-loop rate (above what the
 * pool can do, so every tenant is backlogged) and reports each tenant's throughput in elements per second
 * and the Gini coefficient of throughput / weight. Requests refused with 429 are counted, not retried.
 */
public final class FairShareDriver {
    private static final int DISTINCT_REQUESTS = 32;

    private final FairShareOptions options;
    private final HttpClient http;
    private final AtomicLong inFlight = new AtomicLong();
    private final LongAdder[] answered;
    private final LongAdder[] refused;
    private final LongAdder[] failed;

    FairShareDriver(FairShareOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "fair-share-http");
                    t.setDaemon(true);
                    return t;
                }))
                .connectTimeout(Duration.ofSeconds(5)).build();
        int n = options.tenants().size();
        answered = adders(n);
        refused = adders(n);
        failed = adders(n);
    }

    public static void main(String[] args) throws Exception {
        FairShareOptions options = FairShareOptions.parse(args);
        FairShareDriver driver = new FairShareDriver(options);
        List<List<byte[]>> bodies = new ArrayList<>();
        for (int t = 0; t < options.tenants().size(); t++) {
            bodies.add(driver.blind(t));
        }
        driver.run(bodies, options.warmup());
        driver.reset();
        long nanos = driver.run(bodies, options.duration());
        System.out.println(driver.report(nanos / 1e9).text());
    }

    private List<byte[]> blind(int tenant) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(authenticated(HttpRequest.newBuilder(
                path(tenant, "/v1/setup"))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET setup of tenant " + options.tenants().get(tenant) + " answered "
                    + response.statusCode() + ": " + new String(response.body()));
        }
        SetupMessage setup = SetupMessage.decode(response.body());
        Curve25519Group group = new Curve25519Group();
        SecureRandom random = new SecureRandom();
        List<byte[]> bodies = new ArrayList<>();
        for (int r = 0; r < DISTINCT_REQUESTS; r++) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < options.elements()[tenant]; i++) {
                items.add("partner-" + r + "-" + i + "@example.org");
            }
            PartnerQuery query = PartnerQuery.blind(group, setup.context(), setup.normalization(), items, random);
            bodies.add(ElementBatch.query(query.epoch(), query.blinded()).encode());
        }
        return bodies;
    }

    /** Sends to all tenants round-robin at {@code ratePerTenant} each for {@code length}; returns the sending time. */
    long run(List<List<byte[]>> bodies, Duration length) throws InterruptedException {
        int tenants = bodies.size();
        long interval = (long) (1e9 / (options.ratePerTenant() * tenants));
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long sequence = 0;
        for (long due = start; due < end; due = start + ++sequence * interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int tenant = (int) (sequence % tenants);
            List<byte[]> tenantBodies = bodies.get(tenant);
            send(tenant, tenantBodies.get((int) ((sequence / tenants) % tenantBodies.size())));
        }
        long sending = System.nanoTime() - start;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return sending;
    }

    private void send(int tenant, byte[] body) {
        HttpRequest request = authenticated(HttpRequest.newBuilder(path(tenant, "/v1/psi-ca")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        inFlight.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == 200) {
                answered[tenant].increment();
            } else if (error == null && response.statusCode() == 429) {
                refused[tenant].increment();
            } else {
                failed[tenant].increment();
            }
            inFlight.decrementAndGet();
        });
    }

    private void reset() {
        for (int t = 0; t < answered.length; t++) {
            answered[t].reset();
            refused[t].reset();
            failed[t].reset();
        }
    }

    FairShareReport report(double seconds) {
        int n = answered.length;
        long[] ok = new long[n];
        long[] tooMany = new long[n];
        long[] errors = new long[n];
        for (int t = 0; t < n; t++) {
            ok[t] = answered[t].sum();
            tooMany[t] = refused[t].sum();
            errors[t] = failed[t].sum();
        }
        return new FairShareReport(options, seconds, ok, tooMany, errors);
    }

    private URI path(int tenant, String suffix) {
        return URI.create(options.tenantEndpoint(tenant) + suffix);
    }

    private HttpRequest.Builder authenticated(HttpRequest.Builder request) {
        return options.apiKey() == null ? request : request.header("X-TrustFabric-Api-Key", options.apiKey());
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
