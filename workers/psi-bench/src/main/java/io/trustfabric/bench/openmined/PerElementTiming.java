package io.trustfabric.bench.openmined;

import java.util.Arrays;
import java.util.Locale;

/**
 * The timed runs of one case, reduced to microseconds per element: the median run and the fastest and slowest
 * run as the spread. bench-psijs.js prints the same JSON line shape, computed the same way.
 *
 * @param operation     setup, request or process
 * @param size          elements per run (server items for setup, client elements otherwise)
 * @param runNanos      wall time of each timed run
 */
record PerElementTiming(String implementation, String operation, int size, long[] runNanos) {

    PerElementTiming {
        if (runNanos.length == 0) {
            throw new IllegalArgumentException("a timing needs at least one run");
        }
        if (size < 1) {
            throw new IllegalArgumentException("elements per run must be positive, got " + size);
        }
        runNanos = runNanos.clone();
    }

    double medianMicros() {
        long[] sorted = runNanos.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double nanos = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return perElementMicros(nanos);
    }

    double minMicros() {
        return perElementMicros(Arrays.stream(runNanos).min().orElseThrow());
    }

    double maxMicros() {
        return perElementMicros(Arrays.stream(runNanos).max().orElseThrow());
    }

    private double perElementMicros(double nanos) {
        return nanos / 1_000.0 / size;
    }

    String toJson() {
        return String.format(Locale.ROOT, "{\"implementation\":\"%s\",\"operation\":\"%s\",\"size\":%d,\"runs\":%d,"
                        + "\"medianMicrosPerElement\":%.3f,\"minMicrosPerElement\":%.3f,\"maxMicrosPerElement\":%.3f}",
                implementation, operation, size, runNanos.length, medianMicros(), minMicros(), maxMicros());
    }
}
