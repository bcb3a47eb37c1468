package io.trustfabric.operator.sla;

import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.SlaTargets;
import java.util.Locale;

/** Decides SLAConformant from the tenant's objectives and measured numbers (docs/sla.md, "The condition"). Pure. */
public final class SlaJudge {

    /** Page-level burn: 2 % of a 30-day budget in one hour (checked over 1h and 5m). */
    public static final double FAST_BURN = 14.4;
    /** Page-level burn: 5 % of the budget in six hours (checked over 6h and 30m). */
    public static final double MEDIUM_BURN = 6;
    /** Ticket-level burn: spending the budget exactly in 30 days (checked over 3d and 6h). */
    public static final double SLOW_BURN = 1;

    private static final String LOOK = " Look at the worker logs and trustfabric_psi_request_duration_seconds by outcome,"
            + " and at `tfctl why` for the revision changes around the start.";

    private SlaJudge() {
    }

    /**
     * @param numbers null when no replica's metrics could be read
     */
    public static SlaVerdict judge(SlaTargets targets, SlaNumbers numbers, String unreachableWhy) {
        if (numbers == null) {
            return new SlaVerdict(Condition.UNKNOWN, SlaVerdict.REASON_METRICS_UNAVAILABLE,
                    "The operator could not read the workers' metrics: " + unreachableWhy
                            + ". Check that the worker pods are ready and serve GET /metrics on their http port.");
        }
        int minimum = targets.getMinRequestsPerHour() == null ? 60 : targets.getMinRequestsPerHour();
        if (numbers.requestsLastHour() < Math.max(1, minimum)) {
            return new SlaVerdict(Condition.UNKNOWN, SlaVerdict.REASON_LOW_TRAFFIC, numbers.requestsLastHour()
                    + " requests in the last hour, fewer than spec.sla.minRequestsPerHour (" + minimum
                    + "): too few to judge the SLA.");
        }
        SlaNumbers.Burn burn = numbers.burnRates();
        if (burn != null && (atLeast(burn.h1(), FAST_BURN) && atLeast(burn.m5(), FAST_BURN))) {
            return new SlaVerdict(Condition.FALSE, SlaVerdict.REASON_BURN_FAST, String.format(Locale.ROOT,
                    "The error budget burns %s× over 1h and %s× over 5m (page at %s×): at this pace the 30-day"
                            + " budget is gone in %s. Error rate over 1h: %s %%.", num(burn.h1()), num(burn.m5()),
                    num(FAST_BURN), exhaustion(burn.h1()), num(percent(numbers.errorRatio()))) + LOOK);
        }
        if (burn != null && (atLeast(burn.h6(), MEDIUM_BURN) && atLeast(burn.m30(), MEDIUM_BURN))) {
            return new SlaVerdict(Condition.FALSE, SlaVerdict.REASON_BURN_FAST, String.format(Locale.ROOT,
                    "The error budget burns %s× over 6h and %s× over 30m (page at %s×): at this pace the 30-day"
                            + " budget is gone in %s.", num(burn.h6()), num(burn.m30()), num(MEDIUM_BURN),
                    exhaustion(burn.h6())) + LOOK);
        }
        if (targets.getP95LatencyMs() != null && numbers.p95Seconds() != null
                && numbers.p95Seconds() * 1000 > targets.getP95LatencyMs()) {
            return new SlaVerdict(Condition.FALSE, SlaVerdict.REASON_LATENCY, String.format(Locale.ROOT,
                    "p95 latency over the last hour is %s ms, above the objective of %d ms (p99 %s ms). Look at"
                            + " trustfabric_psi_compute_queue_depth and the workers' CPU; scale out or raise"
                            + " spec.workers.replicas.", num(numbers.p95Seconds() * 1000), targets.getP95LatencyMs(),
                    num(numbers.p99Seconds() == null ? null : numbers.p99Seconds() * 1000)));
        }
        if (targets.getErrorRatePercent() != null && numbers.errorRatio() != null
                && numbers.errorRatio() * 100 > targets.getErrorRatePercent()) {
            return new SlaVerdict(Condition.FALSE, SlaVerdict.REASON_ERROR_RATE, String.format(Locale.ROOT,
                    "%s %% of the requests of the last hour failed (internal, not-ready, overloaded or *-unavailable),"
                            + " above the objective of %s %%.", num(percent(numbers.errorRatio())),
                    num(targets.getErrorRatePercent())) + LOOK);
        }
        if (burn != null && atLeast(burn.d3(), SLOW_BURN) && atLeast(burn.h6(), SLOW_BURN)) {
            return new SlaVerdict(Condition.TRUE, SlaVerdict.REASON_BURN_SLOW, String.format(Locale.ROOT,
                    "Within objectives, but the error budget burns %s× over 3d and %s× over 6h: it runs out before"
                            + " the 30 days are over. %s %% of the budget is left.", num(burn.d3()), num(burn.h6()),
                    num(percent(numbers.errorBudgetRemaining()))));
        }
        return new SlaVerdict(Condition.TRUE, SlaVerdict.REASON_CONFORMANT, String.format(Locale.ROOT,
                "Within objectives over the last hour: %d requests, p95 %s ms, error rate %s %%.",
                numbers.requestsLastHour(), num(numbers.p95Seconds() == null ? null : numbers.p95Seconds() * 1000),
                num(percent(numbers.errorRatio()))));
    }

    private static boolean atLeast(Double value, double threshold) {
        return value != null && value >= threshold;
    }

    private static Double percent(Double ratio) {
        return ratio == null ? null : ratio * 100;
    }

    private static String num(Double value) {
        Double rounded = SlaNumbers.round(value);
        if (rounded == null) {
            return "n/a";
        }
        return rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15 ? Long.toString(rounded.longValue())
                : rounded.toString();
    }

    private static String exhaustion(Double burnRate) {
        double hours = 30 * 24 / burnRate;
        return hours < 48 ? num(hours) + " hours" : num(hours / 24) + " days";
    }
}
