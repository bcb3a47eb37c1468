package io.trustfabric.operator.whatif.golden;

import java.util.Arrays;
import java.util.List;

/** Latency percentiles of one side's golden queries (nearest rank: the smallest sample with at least p% at or below). */
public record LatencyStats(int count, double p50, double p90, double p95, double p99, double max) {

    public static LatencyStats of(List<Double> millis) {
        if (millis.isEmpty()) {
            return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new LatencyStats(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 95), rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    static double rank(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    public boolean empty() {
        return count == 0;
    }

    /** The percentile for status, or null when nothing was measured. */
    public Double orNull(double value) {
        return empty() ? null : value;
    }

    @Override
    public String toString() {
        return "LatencyStats" + Arrays.toString(new double[] {count, p50, p90, p95, p99, max});
    }
}
