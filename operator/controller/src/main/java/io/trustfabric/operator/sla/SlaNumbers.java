package io.trustfabric.operator.sla;

import io.trustfabric.api.v1alpha1.BurnRates;
import io.trustfabric.api.v1alpha1.SlaMeasurement;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * What {@link SlaCalculator} measured, unrounded; a number is null when its window saw no request (or, for burn
 * rates and the error budget, when the tenant has no availability objective).
 *
 * @param errorRatio   BAD / (GOOD + BAD) over the last hour, 0 to 1
 * @param availability GOOD / (GOOD + BAD) over 30 days (as far as measured), 0 to 1
 * @param burnRates    error ratio / (1 - availability objective) over 5m, 30m, 1h, 6h, 3d
 * @param errorBudgetRemaining 1 - burn rate over 30 days (negative when overspent)
 */
public record SlaNumbers(Double requestsPerSecond, long requestsLastHour, Double p95Seconds, Double p99Seconds,
                         Double errorRatio, Double availability, Burn burnRates, Double errorBudgetRemaining) {

    public record Burn(Double m5, Double m30, Double h1, Double h6, Double d3) {
        public static final Burn NONE = new Burn(null, null, null, null, null);
    }

    /** Rounded to 3 significant digits (availability: its distance to 100 %), so status moves only on real change. */
    public SlaMeasurement toMeasurement() {
        SlaMeasurement m = new SlaMeasurement();
        m.setRequestsPerSecond(round(requestsPerSecond));
        m.setRequestsLastHour(requestsLastHour);
        m.setP95LatencyMs(round(times(p95Seconds, 1000)));
        m.setP99LatencyMs(round(times(p99Seconds, 1000)));
        m.setErrorRatePercent(round(times(errorRatio, 100)));
        m.setAvailabilityPercent(availability == null ? null : 100 - round(100 * (1 - availability)));
        if (burnRates != Burn.NONE && burnRates != null) {
            m.setBurnRates(new BurnRates(round(burnRates.m5), round(burnRates.m30), round(burnRates.h1),
                    round(burnRates.h6), round(burnRates.d3)));
        }
        m.setErrorBudgetRemainingPercent(round(times(errorBudgetRemaining, 100)));
        return m;
    }

    private static Double times(Double value, double factor) {
        return value == null ? null : value * factor;
    }

    /** 3 significant digits; null, NaN and infinities stay out of status. */
    public static Double round(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        if (value == 0) {
            return 0.0;
        }
        return new BigDecimal(value).round(new MathContext(3)).doubleValue();
    }
}
