package io.trustfabric.loadtest;

import io.trustfabric.worker.schedule.Gini;

/** Per-tenant throughput of a fair-share run and the Gini coefficient of throughput / weight. */
record FairShareReport(FairShareOptions options, double seconds, long[] answered, long[] refused, long[] failed) {

    /** Elements answered per second, per tenant. */
    double[] elementThroughput() {
        double[] throughput = new double[answered.length];
        for (int t = 0; t < answered.length; t++) {
            throughput[t] = answered[t] * (double) options.elements()[t] / seconds;
        }
        return throughput;
    }

    double gini() {
        return Gini.ofWeightNormalised(elementThroughput(), options.weights());
    }

    String text() {
        double[] throughput = elementThroughput();
        double total = 0;
        double weights = 0;
        for (int t = 0; t < throughput.length; t++) {
            total += throughput[t];
            weights += options.weights()[t];
        }
        StringBuilder out = new StringBuilder(String.format(
                "fair share over %.1f s, offered %.0f req/s per tenant%n", seconds, options.ratePerTenant()));
        out.append(String.format("%-10s %6s %8s %10s %12s %8s %8s %7s%n", "tenant", "weight", "elements",
                "answered/s", "elements/s", "share", "target", "429/s"));
        for (int t = 0; t < throughput.length; t++) {
            out.append(String.format("%-10s %6.1f %8d %10.1f %12.1f %7.1f%% %7.1f%% %7.1f%n",
                    options.tenants().get(t), options.weights()[t], options.elements()[t], answered[t] / seconds,
                    throughput[t], total == 0 ? 0 : 100 * throughput[t] / total,
                    100 * options.weights()[t] / weights, refused[t] / seconds));
            if (failed[t] > 0) {
                out.append(String.format("  %s: %d requests failed (not 200 or 429)%n", options.tenants().get(t), failed[t]));
            }
        }
        out.append(String.format("total %.1f elements/s; Gini of throughput/weight = %.4f%n", total, gini()));
        return out.toString();
    }
}
