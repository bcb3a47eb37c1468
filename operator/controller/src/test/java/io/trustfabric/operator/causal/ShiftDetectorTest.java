package io.trustfabric.operator.causal;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.operator.policy.decisions.TenantRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShiftDetectorTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration SCRAPE = Duration.ofSeconds(30);

    @Test
    void aStepIsFoundOnceAndStartsAtTheFirstShiftedWindow() {
        ShiftDetector detector = new ShiftDetector();
        Random noise = new Random(7);
        List<ShiftDetector.Shift> shifts = new ArrayList<>();
        int stepAt = 15;
        for (int i = 0; i < 40; i++) {
            double p95 = (i < stepAt ? 12 : 85) + noise.nextGaussian();
            shifts.addAll(detector.add(window(i, Map.of("requests-per-second", 5.0, "p95-latency-ms", p95))));
        }
        assertThat(shifts).hasSize(1);
        ShiftDetector.Shift shift = shifts.get(0);
        assertThat(shift.metric()).isEqualTo(TrackedMetric.P95_LATENCY);
        assertThat(shift.startWindow().start()).isEqualTo(T0.plus(SCRAPE.multipliedBy(stepAt)));
        assertThat(shift.rose()).isTrue();
        assertThat(shift.before()).isBetween(10.0, 14.0);
        assertThat(shift.after()).isBetween(83.0, 87.0);
    }

    @Test
    void noiseAndSingleSpikesAreNotShifts() {
        ShiftDetector detector = new ShiftDetector();
        Random noise = new Random(11);
        List<ShiftDetector.Shift> shifts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double denial = Math.max(0, 2 + noise.nextGaussian());
            double p95 = i % 17 == 0 ? 400 : 30 + 3 * noise.nextGaussian();
            shifts.addAll(detector.add(window(i, Map.of("requests-per-second", 5.0, "denial-rate-percent", denial,
                    "p95-latency-ms", p95))));
        }
        assertThat(shifts).isEmpty();
    }

    @Test
    void aFallIsFoundAndWindowsWithoutTrafficDoNotCount() {
        ShiftDetector detector = new ShiftDetector();
        List<ShiftDetector.Shift> shifts = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            shifts.addAll(detector.add(window(i, Map.of("requests-per-second", 0.01, "error-rate-percent",
                    i < 6 ? 0.0 : 50.0))));
        }
        assertThat(shifts).as("ratios of a few requests are noise").isEmpty();
        for (int i = 9; i < 30; i++) {
            shifts.addAll(detector.add(window(i, Map.of("requests-per-second", 4.0, "error-rate-percent",
                    i < 20 ? 10.0 : 0.5))));
        }
        assertThat(shifts).as("the request rate rose too").extracting(ShiftDetector.Shift::metric)
                .containsExactlyInAnyOrder(TrackedMetric.REQUEST_RATE, TrackedMetric.ERROR_RATIO);
        assertThat(shifts).filteredOn(s -> s.metric() == TrackedMetric.ERROR_RATIO).singleElement().satisfies(s -> {
            assertThat(s.metric()).isEqualTo(TrackedMetric.ERROR_RATIO);
            assertThat(s.rose()).isFalse();
            assertThat(s.startWindow().start()).isEqualTo(T0.plus(SCRAPE.multipliedBy(20)));
        });
    }

    @Test
    void aSmallMoveBelowTheThresholdsIsNoShift() {
        ShiftDetector detector = new ShiftDetector();
        List<ShiftDetector.Shift> shifts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            shifts.addAll(detector.add(window(i, Map.of("requests-per-second", 5.0, "p95-latency-ms",
                    i < 15 ? 100.0 : 130.0))));
        }
        assertThat(shifts).as("30 ms is above 20 ms but below half of 100 ms").isEmpty();
    }

    static MetricWindow window(int index, Map<String, Double> values) {
        Instant start = T0.plus(SCRAPE.multipliedBy(index));
        return new MetricWindow(new TenantRef("trust", "acme"), start, start.plus(SCRAPE), values, null);
    }
}
