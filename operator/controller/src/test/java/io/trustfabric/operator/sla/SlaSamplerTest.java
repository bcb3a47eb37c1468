package io.trustfabric.operator.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantSpec;
import io.trustfabric.api.v1alpha1.WorkerSpec;
import io.trustfabric.operator.causal.MetricWindow;
import io.trustfabric.operator.causal.TrackedMetric;
import io.trustfabric.operator.policy.decisions.TenantRef;
import io.trustfabric.operator.pool.PoolNames;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sampler against a replica served over real HTTP, whose metrics the test writes. */
class SlaSamplerTest {

    private static final TenantRef ACME = new TenantRef("team-a", "acme");
    private static final TenantRef OTHER = new TenantRef("team-a", "other");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final List<MetricWindow> windows = new CopyOnWriteArrayList<>();
    private final List<TenantRef> changed = new CopyOnWriteArrayList<>();
    private final List<Tenant> tenants = new ArrayList<>();
    private volatile String metrics = "";
    private volatile int status = 200;
    private volatile boolean ready = true;
    private HttpServer server;
    private SlaSampler sampler;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = metrics.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI replica = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        sampler = new SlaSampler(() -> List.copyOf(tenants), (namespace, deployment) ->
                ready && deployment.equals(PoolNames.workers("pool-a")) ? List.of(replica) : List.of(),
                new MetricsScraper(Duration.ofSeconds(5)), windows::add, new SlaMetrics(new PrometheusRegistry()),
                clock, changed::add);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Tenant tenant(TenantRef ref, boolean withSla) {
        Tenant t = new Tenant();
        t.setMetadata(new ObjectMetaBuilder().withNamespace(ref.namespace()).withName(ref.name()).build());
        TenantSpec spec = new TenantSpec();
        WorkerSpec workers = new WorkerSpec();
        workers.setPool("pool-a");
        spec.setWorkers(workers);
        if (withSla) {
            spec.setSla(SlaCalculatorTest.targets(99.0, 5.0, 100));
        }
        t.setSpec(spec);
        return t;
    }

    /** The worker's text format for the tenants' request counts (all answered in 3 ms or 40 ms). */
    private static String exposition(long acmeGood, long acmeBad, long otherGood, long denied, long decisions) {
        StringBuilder out = new StringBuilder("# TYPE trustfabric_psi_request_duration_seconds histogram\n");
        series(out, "team-a/acme", "ok", acmeGood);
        series(out, "team-a/acme", "policy-unavailable", acmeBad);
        series(out, "team-a/other", "ok", otherGood);
        out.append("# TYPE trustfabric_psi_policy_decisions_total counter\n")
                .append("trustfabric_psi_policy_decisions_total{outcome=\"denied\",tenant=\"team-a/acme\"} ")
                .append(denied).append(".0\n")
                .append("trustfabric_psi_policy_decisions_total{outcome=\"allowed\",tenant=\"team-a/acme\"} ")
                .append(decisions - denied).append(".0\n");
        return out.toString();
    }

    private static void series(StringBuilder out, String tenant, String outcome, long count) {
        String labels = "mode=\"psi-ca\",outcome=\"" + outcome + "\",partner=\"bank-1\",tenant=\"" + tenant + "\"";
        for (int i = 0; i < Sli.LATENCY_BOUNDS.length; i++) {
            double bound = Sli.LATENCY_BOUNDS[i];
            long below = bound >= 0.05 ? count : bound >= 0.005 ? count / 2 : 0;
            out.append("trustfabric_psi_request_duration_seconds_bucket{").append(labels).append(",le=\"")
                    .append(Double.isInfinite(bound) ? "+Inf" : Double.toString(bound)).append("\"} ")
                    .append(below).append('\n');
        }
        out.append("trustfabric_psi_request_duration_seconds_count{").append(labels).append("} ").append(count)
                .append('\n');
    }

    @Test
    void measuresTheTenantsOwnSeriesOfASharedPoolAndHandsTheDrillDownItsWindow() {
        tenants.add(tenant(ACME, true));
        tenants.add(tenant(OTHER, false));
        metrics = exposition(1000, 0, 500, 0, 100);
        sampler.sample();
        assertThat(windows).as("the first scrape only sets the baseline").isEmpty();
        assertThat(sampler.report(ACME).orElseThrow().verdict().reason()).isEqualTo(SlaVerdict.REASON_LOW_TRAFFIC);

        clock.advance(Duration.ofSeconds(30));
        metrics = exposition(1080, 20, 900, 10, 200);
        sampler.sample();
        assertThat(windows).filteredOn(w -> w.tenant().equals(ACME)).singleElement().satisfies(w -> {
            assertThat(w.end()).isEqualTo(clock.instant());
            assertThat(w.start()).isEqualTo(clock.instant().minusSeconds(30));
            assertThat(w.values().get(TrackedMetric.REQUEST_RATE.key())).isCloseTo(100.0 / 30, within(1e-9));
            assertThat(w.values().get(TrackedMetric.ERROR_RATIO.key())).isCloseTo(20.0, within(1e-9));
            assertThat(w.values().get(TrackedMetric.DENIAL_RATE.key())).isCloseTo(10.0, within(1e-9));
            // 50 of 100 requests at or below 5 ms, all at or below 50 ms: p95 in (25 ms, 50 ms], 45 of 50 above 25
            assertThat(w.values().get(TrackedMetric.P95_LATENCY.key())).isCloseTo(25 + 25 * 45.0 / 50, within(1e-9));
        });
        assertThat(windows).filteredOn(w -> w.tenant().equals(OTHER)).singleElement()
                .satisfies(w -> assertThat(w.values().get(TrackedMetric.ERROR_RATIO.key())).isZero());
        SlaReport acme = sampler.report(ACME).orElseThrow();
        assertThat(acme.measurement().getRequestsLastHour()).isEqualTo(100);
        assertThat(acme.measurement().getErrorRatePercent()).isEqualTo(20.0);
        assertThat(acme.verdict().status()).isEqualTo(Condition.FALSE);
        assertThat(acme.verdict().reason()).isEqualTo(SlaVerdict.REASON_BURN_FAST);
        assertThat(sampler.report(OTHER)).as("no spec.sla, no report").isEmpty();
        assertThat(changed).contains(ACME);
    }

    @Test
    void aRestartedReplicaCountsFromZeroAndAQuietIntervalHasNoValues() {
        tenants.add(tenant(ACME, true));
        metrics = exposition(5000, 0, 0, 0, 0);
        sampler.sample();
        clock.advance(Duration.ofSeconds(30));
        metrics = exposition(30, 0, 0, 0, 0);
        sampler.sample();
        clock.advance(Duration.ofSeconds(30));
        sampler.sample();
        assertThat(windows).hasSize(2);
        assertThat(windows.get(0).values().get(TrackedMetric.REQUEST_RATE.key())).isCloseTo(1.0, within(1e-9));
        assertThat(windows.get(1).values()).isEmpty();
        assertThat(sampler.report(ACME).orElseThrow().measurement().getRequestsLastHour()).isEqualTo(30);
    }

    @Test
    void unreadableMetricsAreUnknownMetricsUnavailableAndAnUnchangedReportTriggersNothing() {
        tenants.add(tenant(ACME, true));
        status = 500;
        sampler.sample();
        SlaVerdict verdict = sampler.report(ACME).orElseThrow().verdict();
        assertThat(verdict.status()).isEqualTo(Condition.UNKNOWN);
        assertThat(verdict.reason()).isEqualTo(SlaVerdict.REASON_METRICS_UNAVAILABLE);
        assertThat(verdict.message()).contains("answered 500");
        int triggers = changed.size();
        clock.advance(Duration.ofSeconds(30));
        sampler.sample();
        assertThat(changed).hasSize(triggers);
        status = 200;
        metrics = "<html>not metrics</html>";
        clock.advance(Duration.ofSeconds(30));
        sampler.sample();
        assertThat(sampler.report(ACME).orElseThrow().verdict().message()).contains("not Prometheus text format");
        ready = false;
        sampler.sample();
        assertThat(sampler.report(ACME).orElseThrow().verdict().message()).contains("no ready replica of Deployment "
                + PoolNames.workers("pool-a"));
    }

    @Test
    void replayDurationsAndReceiptChecksReachTheReport() {
        tenants.add(tenant(ACME, true));
        metrics = exposition(0, 0, 0, 0, 0);
        sampler.sample();
        sampler.finished(ACME, Duration.ofMillis(12_345));
        sampler.receiptChecked(ACME, true);
        sampler.receiptChecked(ACME, true);
        sampler.receiptChecked(ACME, false);
        clock.advance(Duration.ofSeconds(30));
        sampler.sample();
        SlaReport report = sampler.report(ACME).orElseThrow();
        assertThat(report.measurement().getReplayLatencySeconds()).isEqualTo(12.3);
        assertThat(report.measurement().getReceiptsSampled()).isEqualTo(3);
        assertThat(report.measurement().getVerifyRatePercent()).isEqualTo(66.7);
    }
}
