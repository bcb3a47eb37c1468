package io.trustfabric.operator.causal;

/**
 * When a metric counts as moved: the median of the last {@link ShiftDetector#RECENT} windows differs from the median
 * of the {@link ShiftDetector#BASELINE} windows before them by at least {@code absolute} and by at least
 * {@code relative} times the baseline median (taken as at least {@code floor}, so a move away from 0 needs only the
 * absolute step).
 *
 * @param absolute    the smallest move, in the metric's unit
 * @param relative    the smallest move as a fraction of the baseline
 * @param floor       the baseline's smallest magnitude for the relative test
 * @param needsTraffic only windows with at least {@link ShiftDetector#MIN_REQUESTS_PER_SECOND} count (ratios and
 *                    percentiles of a few requests are noise)
 */
public record ShiftRule(double absolute, double relative, double floor, boolean needsTraffic) {

    public static ShiftRule of(TrackedMetric metric) {
        return switch (metric) {
            case REQUEST_RATE -> new ShiftRule(1.0, 0.5, 1.0, false);
            case P95_LATENCY -> new ShiftRule(20.0, 0.5, 10.0, true);
            case ERROR_RATIO -> new ShiftRule(2.0, 0.5, 1.0, true);
            case DENIAL_RATE -> new ShiftRule(5.0, 0.5, 1.0, true);
            case BUDGET_BURN -> new ShiftRule(0.01, 0.5, 0.01, false);
        };
    }

    public boolean moved(double baseline, double recent) {
        double move = Math.abs(recent - baseline);
        return move >= absolute && move >= relative * Math.max(Math.abs(baseline), floor);
    }
}
