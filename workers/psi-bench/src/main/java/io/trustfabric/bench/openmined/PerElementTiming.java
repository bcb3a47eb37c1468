package io.trustfabric.bench.openmined;

import java.util.Arrays;
import java.util.Locale;

/**
 * The timed runs of one case, reduced to microseconds per element: for wall time the median run with the fastest
 * and slowest run as the spread; for the process's CPU time (all its threads, so garbage collection and
 * compilation count) the mean over all runs, measured once around them because the JVM's process CPU clock
 * ticks in milliseconds. CPU time is the fairer figure on a shared machine: it does not grow while other
 * processes hold the cores. bench-psijs.js prints the same JSON line shape, computed the same way.
 *
 * @param operation     setup, request or process
 * @param size          elements per run (server items for setup, client elements otherwise)
 * @param wallNanos     wall time of each timed run
 * @param cpuNanos      process CPU time of all timed runs together
 */
record PerElementTiming(String implementation, String operation, int size, long[] wallNanos, long cpuNanos) {

    PerElementTiming {
        if (wallNanos.length == 0) {
            throw new IllegalArgumentException("a timing needs at least one run");
        }
        if (size < 1) {
            throw new IllegalArgumentException("elements per run must be positive, got " + size);
        }
        if (cpuNanos < 0) {
            throw new IllegalArgumentException("CPU time must not be negative, got " + cpuNanos);
        }
        wallNanos = wallNanos.clone();
    }

    double medianMicros() {
        long[] sorted = wallNanos.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double nanos = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return perElementMicros(nanos);
    }

    double minMicros() {
        return perElementMicros(Arrays.stream(wallNanos).min().orElseThrow());
    }

    double maxMicros() {
        return perElementMicros(Arrays.stream(wallNanos).max().orElseThrow());
    }

    double meanCpuMicros() {
        return perElementMicros((double) cpuNanos / wallNanos.length);
    }

    private double perElementMicros(double nanos) {
        return nanos / 1_000.0 / size;
    }

    String toJson() {
        return String.format(Locale.ROOT, "{\"implementation\":\"%s\",\"operation\":\"%s\",\"size\":%d,\"runs\":%d,"
                        + "\"medianMicrosPerElement\":%.3f,\"minMicrosPerElement\":%.3f,\"maxMicrosPerElement\":%.3f,"
                        + "\"meanCpuMicrosPerElement\":%.3f}",
                implementation, operation, size, wallNanos.length, medianMicros(), minMicros(), maxMicros(),
                meanCpuMicros());
    }
}
