package io.trustfabric.operator.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.operator.sla.PrometheusText.MalformedExposition;
import io.trustfabric.operator.sla.PrometheusText.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    /** Written by the worker's own WorkerMetrics (prometheus client_java) for two tenants of one pool. */
    static String workerOutput() throws IOException {
        try (InputStream in = PrometheusTextTest.class.getResourceAsStream("/sla/worker-metrics.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheWorkersCountersGaugesAndHistogramsAndSkipsSummaries() throws IOException {
        List<Sample> samples = PrometheusText.parse(workerOutput());
        assertThat(samples).extracting(Sample::name).contains("trustfabric_psi_request_duration_seconds_bucket",
                "trustfabric_psi_request_duration_seconds_count", "trustfabric_psi_request_duration_seconds_sum",
                "trustfabric_psi_policy_decisions_total", "trustfabric_psi_compute_queue_depth");
        assertThat(samples).extracting(Sample::name).noneMatch(n -> n.startsWith("jvm_gc_collection_seconds"));
        assertThat(samples).filteredOn(s -> s.name().equals("trustfabric_psi_request_duration_seconds_count")
                        && "policy-unavailable".equals(s.label("outcome")))
                .singleElement().satisfies(s -> {
                    assertThat(s.value()).isEqualTo(1.0);
                    assertThat(s.label("tenant")).isEqualTo("team-a/acme");
                });
        assertThat(samples).filteredOn(s -> s.name().equals("trustfabric_psi_policy_decision_duration_seconds_bucket")
                        && "5.0E-4".equals(s.label("le")))
                .extracting(PrometheusText::bound).containsOnly(0.0005);
    }

    @Test
    void unescapesQuotesBackslashesAndNewlinesInLabelValues() throws IOException {
        List<Sample> samples = PrometheusText.parse(workerOutput());
        assertThat(samples).filteredOn(s -> "client-closed".equals(s.label("outcome")))
                .extracting(s -> s.label("partner")).containsOnly("bank\"2\\x\ny");
    }

    @Test
    void sumsOnlyTheNamedTenantOfASharedPoolAndLeavesOutClientClosed() throws IOException {
        List<Sample> samples = PrometheusText.parse(workerOutput());
        CounterSnapshot acme = CounterSnapshot.of(samples, "team-a/acme");
        assertThat(acme.good()).isEqualTo(2);
        assertThat(acme.bad()).isEqualTo(1);
        assertThat(acme.decisions()).isEqualTo(2);
        assertThat(acme.denied()).isEqualTo(1);
        // 0.7 ms (bad), 3 ms and 40 ms (good): client-closed 2 s is not in the buckets
        assertThat(acme.buckets()).containsExactly(1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        CounterSnapshot other = CounterSnapshot.of(samples, "team-a/other");
        assertThat(other.good()).isEqualTo(1);
        assertThat(other.bad()).isZero();
    }

    @Test
    void ignoresUntypedAndUnknownFamiliesAndAcceptsTimestamps() {
        List<Sample> samples = PrometheusText.parse("""
                # HELP x something
                x 1
                # TYPE y untyped
                y 2
                # TYPE z gauge
                z{a="b"} +Inf 1700000000000
                # TYPE c counter
                c_total 3e2
                """);
        assertThat(samples).extracting(Sample::name).containsExactly("z");
    }

    @Test
    void refusesMalformedLinesWithTheirNumber() {
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na{b=\"c} 1\n"))
                .isInstanceOf(MalformedExposition.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na{b=\"c\"} one\n"))
                .isInstanceOf(MalformedExposition.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na{b=\"\\t\"} 1\n"))
                .isInstanceOf(MalformedExposition.class).hasMessageContaining("escape");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na{b=\"1\",b=\"2\"} 1\n"))
                .isInstanceOf(MalformedExposition.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na 1 2 3\n"))
                .isInstanceOf(MalformedExposition.class);
        assertThatThrownBy(() -> PrometheusText.parse("<html>oops</html>\n"))
                .isInstanceOf(MalformedExposition.class);
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\n# TYPE a counter\n"))
                .isInstanceOf(MalformedExposition.class);
    }
}
