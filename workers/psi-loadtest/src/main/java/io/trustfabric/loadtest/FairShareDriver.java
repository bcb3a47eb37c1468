package io.trustfabric.loadtest;

import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.psi.protocol.PartnerQuery;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.SetupMessage;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fair-share load: drives every tenant of a shared pool worker at the same open-loop rate (above what the
 * pool can do, so every tenant is backlogged) and reports each tenant's throughput in elements per second
 * and the Gini coefficient of throughput / weight. Requests refused with 429 are counted, not retried.
 */
public final class FairShareDriver implements AutoCloseable {
    private static final int DISTINCT_REQUESTS = 32;

    private final FairShareOptions options;
    private final QueryClient http;
    private final List<QueryClient.Query> queries = new ArrayList<>();
    private final LongAdder[] answered;
    private final LongAdder[] refused;
    private final LongAdder[] failed;

    FairShareDriver(FairShareOptions options) {
        this.options = options;
        this.http = new QueryClient(options.tenantEndpoint(0), options.apiKey(), Duration.ofSeconds(30));
        int n = options.tenants().size();
        for (int t = 0; t < n; t++) {
            queries.add(http.elementsPost(path(t, "/v1/psi-ca")));
        }
        answered = adders(n);
        refused = adders(n);
        failed = adders(n);
    }

    public static void main(String[] args) throws Exception {
        FairShareOptions options = FairShareOptions.parse(args);
        try (FairShareDriver driver = new FairShareDriver(options)) {
            drive(driver, options);
        }
    }

    private static void drive(FairShareDriver driver, FairShareOptions options) throws Exception {
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
        SetupMessage setup = SetupMessage.decode(http.get(path(tenant, "/v1/setup")));
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
        http.pace(start, interval, start + length.toNanos(), sequence -> {
            int tenant = (int) (sequence % tenants);
            List<byte[]> tenantBodies = bodies.get(tenant);
            send(tenant, tenantBodies.get((int) ((sequence / tenants) % tenantBodies.size())));
        });
        long sending = System.nanoTime() - start;
        http.awaitAnswers(Duration.ofSeconds(30));   // stragglers time out (30 s) and are counted as failed
        return sending;
    }

    private void send(int tenant, byte[] body) {
        http.send(queries.get(tenant), body, outcome -> {
            if (outcome.succeeded() && outcome.status() == 200) {
                answered[tenant].increment();
            } else if (outcome.succeeded() && outcome.status() == 429) {
                refused[tenant].increment();
            } else {
                failed[tenant].increment();
            }
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

    /** The path of {@code suffix} below the tenant's prefix (all tenants share one host and port). */
    private String path(int tenant, String suffix) {
        return options.tenantEndpoint(tenant).getRawPath() + suffix;
    }

    @Override
    public void close() {
        http.close();
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
