package io.trustfabric.operator.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trustfabric.api.v1alpha1.SlaMeasurement;
import io.trustfabric.api.v1alpha1.SlaTargets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlaCalculatorTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    /** cumulative buckets over Sli.LATENCY_BOUNDS: 10 at <=1ms, 30 more <=2.5ms, 50 more <=5ms, 10 more <=10ms */
    private static final long[] HUNDRED = {10, 40, 90, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100};

    private static Interval interval(Instant end, long good, long bad, long[] buckets) {
        return new Interval(end.getEpochSecond(), 30, good, bad, buckets, 0, 0);
    }

    @Test
    void quantilesInterpolateInsideTheBucketAsHistogramQuantileDoes() {
        Interval i = interval(NOW, 100, 0, HUNDRED);
        // rank 95 falls in (5ms, 10ms] holding 10 requests of which 5 are below it: 5 + 5 * 5/10
        assertThat(SlaCalculator.quantile(0.95, i)).isCloseTo(0.0075, within(1e-12));
        assertThat(SlaCalculator.quantile(0.99, i)).isCloseTo(0.0095, within(1e-12));
        // rank 50 in (2.5ms, 5ms]: 40 below, 50 inside: 2.5 + 2.5 * 10/50
        assertThat(SlaCalculator.quantile(0.5, i)).isCloseTo(0.003, within(1e-12));
        // the first bucket interpolates from 0
        assertThat(SlaCalculator.quantile(0.05, i)).isCloseTo(0.0005, within(1e-12));
    }

    @Test
    void aRankInTheInfBucketGivesTheHighestFiniteBoundAndNoRequestsGiveNothing() {
        long[] slow = new long[Sli.LATENCY_BOUNDS.length];
        slow[slow.length - 1] = 4;
        assertThat(SlaCalculator.quantile(0.95, interval(NOW, 4, 0, slow))).isEqualTo(10.0);
        assertThat(SlaCalculator.quantile(0.95, interval(NOW, 0, 0, new long[Sli.LATENCY_BOUNDS.length]))).isNull();
        assertThat(SlaCalculator.quantile(0.95, interval(NOW, 5, 0, null))).isNull();
    }

    @Test
    void ratesRatiosAvailabilityAndBurnRatesOverTheirWindows() {
        SlaHistory history = new SlaHistory();
        // two days ago: 10,000 requests of which 10 bad; then every 30 s of the last hour 100 good requests,
        // and in the last 5 minutes (10 scrapes) 100 requests each of which 20 bad
        history.add(interval(NOW.minus(Duration.ofDays(2)), 9990, 10, null));
        for (int k = 119; k >= 0; k--) {
            Instant end = NOW.minusSeconds(30L * k);
            boolean last5m = k < 10;
            history.add(interval(end, last5m ? 80 : 100, last5m ? 20 : 0, null));
        }
        SlaTargets targets = targets(99.9, 0.5, 250);
        SlaNumbers n = SlaCalculator.compute(history, NOW, targets);
        assertThat(n.requestsPerSecond()).isCloseTo(1000.0 / 300, within(1e-9));
        assertThat(n.requestsLastHour()).isEqualTo(12_000);
        assertThat(n.errorRatio()).isCloseTo(200.0 / 12_000, within(1e-12));
        // 30 days: 22,000 requests, 210 bad
        assertThat(n.availability()).isCloseTo(1 - 210.0 / 22_000, within(1e-12));
        // 5m: 20 % bad / 0.1 % budget = 200x; 1h: 1.667 % / 0.1 % = 16.7x; 3d: 210/22,000 / 0.001
        assertThat(n.burnRates().m5()).isCloseTo(200, within(1e-9));
        assertThat(n.burnRates().h1()).isCloseTo(200.0 / 12_000 / 0.001, within(1e-9));
        assertThat(n.burnRates().d3()).isCloseTo(210.0 / 22_000 / 0.001, within(1e-9));
        assertThat(n.errorBudgetRemaining()).isCloseTo(1 - 210.0 / 22_000 / 0.001, within(1e-9));
        SlaMeasurement m = n.toMeasurement();
        assertThat(m.getRequestsPerSecond()).isEqualTo(3.33);
        assertThat(m.getErrorRatePercent()).isEqualTo(1.67);
        assertThat(m.getAvailabilityPercent()).isCloseTo(99.045, within(1e-9));
        assertThat(m.getBurnRates().getM5()).isEqualTo(200.0);
        assertThat(m.getBurnRates().getH1()).isEqualTo(16.7);
        assertThat(m.getErrorBudgetRemainingPercent()).isEqualTo(-855.0);
    }

    @Test
    void roundingKeepsStatusStillWhenNumbersBarelyMove() {
        SlaNumbers a = new SlaNumbers(12.341, 100, 0.0123449, null, 0.001, 0.99951, SlaNumbers.Burn.NONE, null);
        SlaNumbers b = new SlaNumbers(12.339, 100, 0.0123351, null, 0.0010004, 0.9995102, SlaNumbers.Burn.NONE, null);
        assertThat(a.toMeasurement()).isEqualTo(b.toMeasurement());
        assertThat(a.toMeasurement().getP95LatencyMs()).isEqualTo(12.3);
        assertThat(a.toMeasurement().getAvailabilityPercent()).isCloseTo(99.951, within(1e-9));
        SlaNumbers moved = new SlaNumbers(12.4, 100, 0.0123449, null, 0.001, 0.99951, SlaNumbers.Burn.NONE, null);
        assertThat(moved.toMeasurement()).isNotEqualTo(a.toMeasurement());
    }

    @Test
    void aCounterResetCountsTheNewValueAsPrometheusIncreaseDoes() {
        CounterSnapshot before = new CounterSnapshot(100, 5, HUNDRED, 50, 2);
        long[] restartedBuckets = {1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
        CounterSnapshot after = new CounterSnapshot(3, 0, restartedBuckets, 4, 1);
        Interval increase = after.since(before, NOW.getEpochSecond(), 30);
        assertThat(increase.good()).isEqualTo(3);
        assertThat(increase.bad()).isZero();
        assertThat(increase.buckets()).containsExactly(restartedBuckets);
        assertThat(increase.decisions()).isEqualTo(4);
        CounterSnapshot later = new CounterSnapshot(13, 1, null, 6, 1);
        Interval next = later.since(after, NOW.getEpochSecond() + 30, 30);
        assertThat(next.good()).isEqualTo(10);
        assertThat(next.bad()).isEqualTo(1);
        assertThat(next.buckets()).isNull();
        assertThat(next.decisions()).isEqualTo(2);
    }

    @Test
    void historyKeepsThreeDaysOfScrapesAndThirtyDaysOfHours() {
        SlaHistory history = new SlaHistory();
        Instant start = NOW.minus(Duration.ofDays(31));
        for (Instant t = start; !t.isAfter(NOW); t = t.plusSeconds(300)) {
            history.add(interval(t, 1, 0, null));
        }
        assertThat(history.scrapeCount()).isEqualTo(3 * 24 * 12);
        assertThat(history.hourCount()).isBetween(720, 721);
        assertThat(history.over(NOW, Duration.ofDays(3)).requests()).isEqualTo(3 * 24 * 12);
        // 30 days of whole hours: 720 hours of 12 scrapes, the current hour's single scrape included
        assertThat(history.over(NOW, Duration.ofDays(30)).requests()).isBetween(719L * 12, 720L * 12 + 1);
    }

    @Test
    void thirtyDaysIncludeTheHourInProgress() {
        SlaHistory history = new SlaHistory();
        Instant midHour = NOW.plus(Duration.ofMinutes(20));
        history.add(interval(NOW.minus(Duration.ofDays(10)), 90, 10, null));
        history.add(interval(midHour.minusSeconds(30), 100, 0, null));
        history.add(interval(midHour, 100, 0, null));
        SlaNumbers n = SlaCalculator.compute(history, midHour, targets(99.0, null, null));
        assertThat(n.availability()).isCloseTo(290.0 / 300, within(1e-12));
        assertThat(n.errorBudgetRemaining()).isCloseTo(1 - (10.0 / 300) / 0.01, within(1e-9));
    }

    static SlaTargets targets(Double availability, Double errorRate, Integer p95Ms) {
        SlaTargets t = new SlaTargets();
        t.setAvailabilityPercent(availability);
        t.setErrorRatePercent(errorRate);
        t.setP95LatencyMs(p95Ms);
        return t;
    }
}
