package io.trustfabric.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseSizerTest {

    private static final BudgetCosts COSTS = new BudgetCosts(100_000L, 1_000_000L, 0);
    private static final long TOTAL = 100_000_000;

    @Test
    void refusesWhenWhatRemainsCannotFundTheQueryInHand() {
        assertThat(LeaseSizer.size(1_000_000L, 0, COSTS, TOTAL, 999_999)).isEmpty();
        assertThat(LeaseSizer.size(null, 0, COSTS, TOTAL, 99_999)).isEmpty();
        assertThat(LeaseSizer.size(null, 0, COSTS, TOTAL, 0)).isEmpty();
    }

    @Test
    void anIdlePartnerGetsTheLargestQueryCostAndABusyOneAboutThirtySecondsOfItsSpendUpToATenth() {
        assertThat(LeaseSizer.size(null, 0, COSTS, TOTAL, TOTAL)).contains(1_000_000L);
        assertThat(LeaseSizer.size(100_000L, 3_000_000, COSTS, TOTAL, TOTAL)).contains(3_000_000L);
        assertThat(LeaseSizer.size(null, 50_000_000, COSTS, TOTAL, TOTAL)).contains(10_000_000L);
        assertThat(LeaseSizer.size(20_000_000L, 0, COSTS, TOTAL, TOTAL)).contains(20_000_000L);
        assertThat(LeaseSizer.size(null, 50_000_000, COSTS, TOTAL, 2_500_000)).contains(2_500_000L);
    }

    @Test
    void theRateFollowsTheLastMinuteOfConsumption() {
        SpendRate rate = new SpendRate();
        Instant t0 = Instant.parse("2026-11-25T09:00:00Z");
        assertThat(rate.spendIn(Duration.ofSeconds(30))).isZero();
        rate.observe(t0, 0);
        rate.observe(t0.plusSeconds(10), 1_000_000); // 100,000 per second
        assertThat(rate.spendIn(Duration.ofSeconds(30))).isEqualTo(3_000_000);
        rate.observe(t0.plusSeconds(200), 1_000_000); // idle since: the old samples leave the window
        rate.observe(t0.plusSeconds(210), 1_000_000);
        assertThat(rate.spendIn(Duration.ofSeconds(30))).isZero();
        rate.observe(t0.plusSeconds(220), 0); // a new period starts over
        assertThat(rate.spendIn(Duration.ofSeconds(30))).isZero();
    }
}
