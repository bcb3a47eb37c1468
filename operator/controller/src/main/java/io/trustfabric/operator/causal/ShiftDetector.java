package io.trustfabric.operator.causal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds level shifts in one tenant's metric windows (fed in time order), one series per {@link TrackedMetric}.
 * <p>
 * A shift is reported when the last {@value #RECENT} windows with a value all lie beyond the midpoint between the
 * baseline median (the {@value #BASELINE} windows before them) and their own median, and the two medians differ by
 * the metric's {@link ShiftRule}. The shift starts at the first window of the run beyond that midpoint. After a
 * shift the series restarts at that window, so the new level becomes the next baseline and the same move is
 * reported once. Medians make single spikes harmless: one outlier among the recent windows breaks the run.
 */
public final class ShiftDetector {

    public static final int BASELINE = 6;
    public static final int RECENT = 3;
    /** Below this request rate a window's ratios and percentiles are not used (3 requests in a 30 s window). */
    public static final double MIN_REQUESTS_PER_SECOND = 0.1;
    /** The most windows kept per metric: two hours of 30 s scrapes. */
    static final int MAX_KEPT = 240;

    private record Point(MetricWindow window, double value) {
    }

    /** A detected move: the medians before and after and the window it started in. */
    public record Shift(TrackedMetric metric, double before, double after, MetricWindow startWindow) {
        public boolean rose() {
            return after > before;
        }
    }

    private final Map<TrackedMetric, Deque<Point>> series = new EnumMap<>(TrackedMetric.class);

    /** Adds a window and returns the shifts it completes. */
    public List<Shift> add(MetricWindow window) {
        List<Shift> shifts = new ArrayList<>();
        Double rate = window.values().get(TrackedMetric.REQUEST_RATE.key());
        for (TrackedMetric metric : TrackedMetric.values()) {
            Double value = window.values().get(metric.key());
            ShiftRule rule = ShiftRule.of(metric);
            if (value == null || value.isNaN() || value.isInfinite()
                    || (rule.needsTraffic() && (rate == null || rate < MIN_REQUESTS_PER_SECOND))) {
                continue;
            }
            Deque<Point> points = series.computeIfAbsent(metric, m -> new ArrayDeque<>());
            points.addLast(new Point(window, value));
            while (points.size() > MAX_KEPT) {
                points.removeFirst();
            }
            detect(metric, rule, points).ifPresent(shifts::add);
        }
        return shifts;
    }

    private static Optional<Shift> detect(TrackedMetric metric, ShiftRule rule, Deque<Point> points) {
        if (points.size() < BASELINE + RECENT) {
            return Optional.empty();
        }
        List<Point> all = new ArrayList<>(points);
        int n = all.size();
        double baseline = median(all.subList(n - RECENT - BASELINE, n - RECENT));
        double recent = median(all.subList(n - RECENT, n));
        if (!rule.moved(baseline, recent)) {
            return Optional.empty();
        }
        double midpoint = (baseline + recent) / 2;
        boolean rose = recent > baseline;
        int first = n;
        while (first > 0 && beyond(all.get(first - 1).value(), midpoint, rose)) {
            first--;
        }
        if (first > n - RECENT) {
            return Optional.empty();
        }
        Shift shift = new Shift(metric, baseline, recent, all.get(first).window());
        points.clear();
        all.subList(first, n).forEach(points::addLast);
        return Optional.of(shift);
    }

    private static boolean beyond(double value, double midpoint, boolean rose) {
        return rose ? value > midpoint : value < midpoint;
    }

    static double median(List<Point> points) {
        double[] values = points.stream().mapToDouble(Point::value).toArray();
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
