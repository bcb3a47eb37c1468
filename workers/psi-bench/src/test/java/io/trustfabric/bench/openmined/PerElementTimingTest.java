package io.trustfabric.bench.openmined;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PerElementTimingTest {

    @Test
    void oddRunCountTakesTheMiddleRunAndCpuIsTheMeanOfAllRuns() {
        PerElementTiming timing = new PerElementTiming("x", "setup", 1_000,
                new long[] {9_000_000, 1_000_000, 2_000_000}, 6_000_000);

        assertThat(timing.medianMicros()).isCloseTo(2.0, within(1e-9));
        assertThat(timing.minMicros()).isCloseTo(1.0, within(1e-9));
        assertThat(timing.maxMicros()).isCloseTo(9.0, within(1e-9));
        assertThat(timing.meanCpuMicros()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void evenRunCountAveragesTheTwoMiddleRuns() {
        PerElementTiming timing = new PerElementTiming("x", "process", 10,
                new long[] {40_000, 10_000, 20_000, 30_000}, 10_000);

        assertThat(timing.medianMicros()).isCloseTo(2.5, within(1e-9));
        assertThat(timing.meanCpuMicros()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void printsTheJsonLineTheTableScriptReads() {
        PerElementTiming timing = new PerElementTiming("trust-fabric", "request", 32, new long[] {3_200_000}, 1_600_000);

        assertThat(timing.toJson()).isEqualTo("{\"implementation\":\"trust-fabric\",\"operation\":\"request\","
                + "\"size\":32,\"runs\":1,\"medianMicrosPerElement\":100.000,\"minMicrosPerElement\":100.000,"
                + "\"maxMicrosPerElement\":100.000,\"meanCpuMicrosPerElement\":50.000}");
    }

    @Test
    void refusesATimingWithoutRunsOrWithNegativeCpu() {
        assertThatThrownBy(() -> new PerElementTiming("x", "setup", 1, new long[0], 0))
                .hasMessageContaining("at least one run");
        assertThatThrownBy(() -> new PerElementTiming("x", "setup", 1, new long[] {1}, -1))
                .hasMessageContaining("must not be negative");
    }
}
