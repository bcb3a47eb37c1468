package io.trustfabric.worker.schedule;

/**
 * The Gini coefficient of a set of non-negative values: 0 when all are equal, towards 1 when one value
 * has everything. Used on weight-normalised throughput (throughput / weight per tenant) to measure
 * how fairly a shared pool was split.
 */
public final class Gini {
    private Gini() {
    }

    /** {@code sum_i sum_j |x_i - x_j| / (2 n^2 mean)}; 0 for an empty set or all zeros. */
    public static double coefficient(double[] values) {
        int n = values.length;
        double sum = 0;
        for (double v : values) {
            if (v < 0 || Double.isNaN(v)) {
                throw new IllegalArgumentException("Gini needs non-negative values, got " + v);
            }
            sum += v;
        }
        if (n == 0 || sum == 0) {
            return 0;
        }
        double differences = 0;
        for (double a : values) {
            for (double b : values) {
                differences += Math.abs(a - b);
            }
        }
        return differences / (2.0 * n * sum);
    }

    /** The Gini coefficient of {@code throughput[i] / weight[i]}. */
    public static double ofWeightNormalised(double[] throughput, double[] weights) {
        if (throughput.length != weights.length) {
            throw new IllegalArgumentException("one weight per throughput value is needed");
        }
        double[] normalised = new double[throughput.length];
        for (int i = 0; i < throughput.length; i++) {
            normalised[i] = throughput[i] / weights[i];
        }
        return coefficient(normalised);
    }
}
