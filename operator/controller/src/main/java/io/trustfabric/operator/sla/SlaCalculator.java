package io.trustfabric.operator.sla;

import io.trustfabric.api.v1alpha1.SlaTargets;
import java.time.Duration;
import java.time.Instant;

/** The SLA numbers of one tenant from its {@link SlaHistory} (docs/sla.md, "What is measured"). Pure. */
public final class SlaCalculator {

    public static final Duration RATE_WINDOW = Duration.ofMinutes(5);
    public static final Duration LATENCY_WINDOW = Duration.ofHours(1);
    public static final Duration AVAILABILITY_WINDOW = Duration.ofDays(30);

    private SlaCalculator() {
    }

    public static SlaNumbers compute(SlaHistory history, Instant now, SlaTargets targets) {
        Interval rate = history.over(now, RATE_WINDOW);
        Interval hour = history.over(now, LATENCY_WINDOW);
        Interval month = history.over(now, AVAILABILITY_WINDOW);
        Double rps = rate.seconds() == 0 ? null : (double) rate.requests() / rate.seconds();
        Double objective = targets == null || targets.getAvailabilityPercent() == null
                || targets.getAvailabilityPercent() >= 100 ? null : targets.getAvailabilityPercent() / 100;
        SlaNumbers.Burn burn = objective == null ? SlaNumbers.Burn.NONE : new SlaNumbers.Burn(
                burn(history.over(now, Duration.ofMinutes(5)), objective),
                burn(history.over(now, Duration.ofMinutes(30)), objective),
                burn(hour, objective),
                burn(history.over(now, Duration.ofHours(6)), objective),
                burn(history.over(now, Duration.ofDays(3)), objective));
        Double monthBurn = objective == null ? null : burn(month, objective);
        return new SlaNumbers(rps, hour.requests(), quantile(0.95, hour), quantile(0.99, hour), errorRatio(hour),
                month.requests() == 0 ? null : (double) month.good() / month.requests(), burn,
                monthBurn == null ? null : 1 - monthBurn);
    }

    public static Double errorRatio(Interval interval) {
        return interval.requests() == 0 ? null : (double) interval.bad() / interval.requests();
    }

    private static Double burn(Interval interval, double objective) {
        Double ratio = errorRatio(interval);
        return ratio == null ? null : ratio / (1 - objective);
    }

    /**
     * The q-quantile in seconds as PromQL's {@code histogram_quantile} computes it: find the bucket holding the rank,
     * interpolate linearly inside it (from 0 for the first bucket); a rank in the +Inf bucket gives the highest finite
     * bound. Null without requests or buckets.
     */
    public static Double quantile(double q, Interval interval) {
        long[] buckets = interval.buckets();
        if (buckets == null || buckets[buckets.length - 1] == 0) {
            return null;
        }
        double[] bounds = Sli.LATENCY_BOUNDS;
        double rank = q * buckets[buckets.length - 1];
        int i = 0;
        while (i < buckets.length - 1 && buckets[i] < rank) {
            i++;
        }
        if (i == buckets.length - 1) {
            return bounds[bounds.length - 2];
        }
        double lower = i == 0 ? 0 : bounds[i - 1];
        long below = i == 0 ? 0 : buckets[i - 1];
        long inBucket = buckets[i] - below;
        if (inBucket == 0) {
            return bounds[i];
        }
        return lower + (bounds[i] - lower) * (rank - below) / inBucket;
    }
}
