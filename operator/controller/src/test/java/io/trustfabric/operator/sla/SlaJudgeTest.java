package io.trustfabric.operator.sla;

import static io.trustfabric.operator.sla.SlaCalculatorTest.targets;
import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.SlaTargets;
import org.junit.jupiter.api.Test;

class SlaJudgeTest {

    private static final SlaTargets TARGETS = targets(99.9, 1.0, 200);

    private static SlaNumbers numbers(long requests, Double p95s, Double errorRatio, SlaNumbers.Burn burn) {
        return new SlaNumbers(1.0, requests, p95s, p95s, errorRatio, 0.999, burn, 0.5);
    }

    @Test
    void fewerRequestsThanTheGateAreNotJudged() {
        SlaVerdict v = SlaJudge.judge(TARGETS, numbers(59, 5.0, 0.5, new SlaNumbers.Burn(500.0, 500.0, 500.0, 500.0,
                500.0)), null);
        assertThat(v.status()).isEqualTo(Condition.UNKNOWN);
        assertThat(v.reason()).isEqualTo(SlaVerdict.REASON_LOW_TRAFFIC);
        assertThat(v.message()).contains("59 requests", "(60)");
        assertThat(SlaJudge.judge(TARGETS, numbers(60, 0.01, 0.0, SlaNumbers.Burn.NONE), null).status())
                .isEqualTo(Condition.TRUE);
    }

    @Test
    void noMetricsIsUnknownMetricsUnavailable() {
        SlaVerdict v = SlaJudge.judge(TARGETS, null, "no ready replica");
        assertThat(v.reason()).isEqualTo(SlaVerdict.REASON_METRICS_UNAVAILABLE);
        assertThat(v.message()).contains("no ready replica");
    }

    @Test
    void aFastBurnNeedsBothWindows() {
        SlaVerdict fast = SlaJudge.judge(TARGETS, numbers(1000, 0.01, 0.0, new SlaNumbers.Burn(15.0, 1.0, 14.4, 1.0,
                0.1)), null);
        assertThat(fast.status()).isEqualTo(Condition.FALSE);
        assertThat(fast.reason()).isEqualTo(SlaVerdict.REASON_BURN_FAST);
        assertThat(fast.message()).contains("14.4× over 1h", "15× over 5m", "2.08 days");
        SlaVerdict recovered = SlaJudge.judge(TARGETS, numbers(1000, 0.01, 0.0, new SlaNumbers.Burn(2.0, 1.0, 14.4,
                1.0, 0.1)), null);
        assertThat(recovered.status()).isEqualTo(Condition.TRUE);
        SlaVerdict sixHours = SlaJudge.judge(TARGETS, numbers(1000, 0.01, 0.0, new SlaNumbers.Burn(1.0, 6.0, 1.0, 6.5,
                0.1)), null);
        assertThat(sixHours.reason()).isEqualTo(SlaVerdict.REASON_BURN_FAST);
    }

    @Test
    void latencyAndErrorRateObjectives() {
        SlaVerdict slow = SlaJudge.judge(TARGETS, numbers(1000, 0.2504, 0.0, SlaNumbers.Burn.NONE), null);
        assertThat(slow.reason()).isEqualTo(SlaVerdict.REASON_LATENCY);
        assertThat(slow.message()).contains("250 ms", "200 ms");
        SlaVerdict errors = SlaJudge.judge(TARGETS, numbers(1000, 0.01, 0.012, SlaNumbers.Burn.NONE), null);
        assertThat(errors.status()).isEqualTo(Condition.FALSE);
        assertThat(errors.reason()).isEqualTo(SlaVerdict.REASON_ERROR_RATE);
        assertThat(errors.message()).contains("1.2 %", "1 %");
        assertThat(SlaJudge.judge(TARGETS, numbers(1000, 0.2, 0.01, SlaNumbers.Burn.NONE), null).reason())
                .isEqualTo(SlaVerdict.REASON_CONFORMANT);
    }

    @Test
    void aSlowBurnStaysTrueWithAWarningReason() {
        SlaVerdict v = SlaJudge.judge(TARGETS, numbers(1000, 0.01, 0.001, new SlaNumbers.Burn(1.0, 1.0, 1.0, 1.2,
                1.1)), null);
        assertThat(v.status()).isEqualTo(Condition.TRUE);
        assertThat(v.reason()).isEqualTo(SlaVerdict.REASON_BURN_SLOW);
        assertThat(v.message()).contains("1.1× over 3d", "1.2× over 6h");
    }
}
