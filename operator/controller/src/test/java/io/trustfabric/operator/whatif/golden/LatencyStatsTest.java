package io.trustfabric.operator.whatif.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentilesAreNearestRankWhateverTheOrder() {
        List<Double> samples = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            samples.add((double) i);
        }
        Collections.shuffle(samples, new Random(5));
        LatencyStats stats = LatencyStats.of(samples);
        assertThat(stats.count()).isEqualTo(200);
        assertThat(stats.p50()).isEqualTo(100.0);
        assertThat(stats.p90()).isEqualTo(180.0);
        assertThat(stats.p95()).isEqualTo(190.0);
        assertThat(stats.p99()).isEqualTo(198.0);
        assertThat(stats.max()).isEqualTo(200.0);
    }

    @Test
    void oneSlowQueryShowsInTheTailNotTheMedian() {
        List<Double> samples = new ArrayList<>(Collections.nCopies(19, 2.0));
        samples.add(500.0);
        LatencyStats stats = LatencyStats.of(samples);
        assertThat(stats.p50()).isEqualTo(2.0);
        assertThat(stats.p95()).isEqualTo(2.0);
        assertThat(stats.p99()).isEqualTo(500.0);
        assertThat(stats.max()).isEqualTo(500.0);
    }

    @Test
    void noSamplesGiveNoPercentilesForStatus() {
        LatencyStats stats = LatencyStats.of(List.of());
        assertThat(stats.empty()).isTrue();
        assertThat(stats.orNull(stats.p95())).isNull();
    }
}
