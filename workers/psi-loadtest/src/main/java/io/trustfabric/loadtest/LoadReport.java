package io.trustfabric.loadtest;

import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** What a run measured: throughput, error rate and latency percentiles (microsecond histogram). */
record LoadReport(LoadOptions options, double seconds, long succeeded, Map<String, Long> errors, Histogram latency) {

    long failed() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double errorRate() {
        long total = succeeded + failed();
        return total == 0 ? 0 : (double) failed() / total;
    }

    double millis(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }

    String text() {
        return String.format(Locale.ROOT, """
                target rate        %.0f req/s (%s, %d elements per request)
                measured for       %.1f s
                succeeded          %d (%.1f req/s)
                errors             %d (%.4f%%) %s
                latency p50        %.2f ms
                latency p95        %.2f ms
                latency p99        %.2f ms
                latency max        %.2f ms""",
                options.rate(), options.mode(), options.elementsPerRequest(), seconds,
                succeeded, succeeded / seconds, failed(), errorRate() * 100, errors,
                millis(50), millis(95), millis(99), latency.getMaxValue() / 1000.0);
    }

    String json() {
        return String.format(Locale.ROOT,
                "{\"targetRps\":%.1f,\"achievedRps\":%.1f,\"seconds\":%.1f,\"succeeded\":%d,\"failed\":%d,"
                        + "\"errorRate\":%.6f,\"p50Ms\":%.3f,\"p95Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f}",
                options.rate(), succeeded / seconds, seconds, succeeded, failed(), errorRate(),
                millis(50), millis(95), millis(99), latency.getMaxValue() / 1000.0);
    }
}
