package io.trustfabric.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadReportTest {
    @Test
    void optionsHaveTheBenchmarkDefaultsAndRejectNonsense() {
        LoadOptions defaults = LoadOptions.parse(new String[0]);
        assertThat(defaults.rate()).isEqualTo(600);
        assertThat(defaults.elementsPerRequest()).isEqualTo(32);
        assertThat(LoadOptions.parse(new String[] {"--rate", "50", "--mode", "psi"}).mode()).isEqualTo("psi");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--rate", "0"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--speed", "1"}))
                .hasMessageContaining("unknown option --speed");
    }

    @Test
    void reportsErrorRateAndPercentilesInMilliseconds() {
        Histogram latency = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            latency.recordValue(i * 1000L); // 1 ms .. 100 ms, in microseconds
        }
        LoadReport report = new LoadReport(LoadOptions.parse(new String[0]), 10.0, 990,
                Map.of("HTTP 429", 10L), latency);

        assertThat(report.errorRate()).isEqualTo(0.01);
        assertThat(report.millis(50)).isBetween(49.9, 50.1);
        assertThat(report.millis(95)).isBetween(94.9, 95.1);
        assertThat(report.json()).contains("\"achievedRps\":99.0").contains("\"failed\":10");
        assertThat(report.text()).contains("HTTP 429=10");
    }
}
