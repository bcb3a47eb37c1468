package io.trustfabric.operator.sla;

import io.trustfabric.operator.sla.PrometheusText.Sample;
import java.util.Arrays;
import java.util.List;

/**
 * One tenant's SLI counters as one worker replica reported them in one scrape (cumulative since the replica started).
 *
 * @param good      GOOD requests
 * @param bad       BAD requests
 * @param buckets   cumulative request count per {@link Sli#LATENCY_BOUNDS} bound (GOOD and BAD requests), or null when
 *                  the replica's buckets are not the expected ones
 * @param decisions policy decisions
 * @param denied    policy decisions that denied
 */
public record CounterSnapshot(long good, long bad, long[] buckets, long decisions, long denied) {

    /** Sums the series of {@code tenant} ("namespace/name"); a shared pool's other tenants are left out. */
    public static CounterSnapshot of(List<Sample> samples, String tenant) {
        long good = 0;
        long bad = 0;
        long decisions = 0;
        long denied = 0;
        long[] buckets = new long[Sli.LATENCY_BOUNDS.length];
        boolean[] seen = new boolean[Sli.LATENCY_BOUNDS.length];
        boolean anyBucket = false;
        for (Sample s : samples) {
            if (!tenant.equals(s.label("tenant"))) {
                continue;
            }
            if (s.name().equals(Sli.POLICY_DECISIONS)) {
                decisions += count(s);
                denied += Sli.DENIED.equals(s.label("outcome")) ? count(s) : 0;
                continue;
            }
            if (!s.name().startsWith(Sli.REQUEST_DURATION)) {
                continue;
            }
            Sli.RequestClass kind = Sli.classify(s.label("outcome"));
            if (kind == Sli.RequestClass.EXCLUDED) {
                continue;
            }
            if (s.name().equals(Sli.REQUEST_DURATION + "_count")) {
                if (kind == Sli.RequestClass.BAD) {
                    bad += count(s);
                } else {
                    good += count(s);
                }
            } else if (s.name().equals(Sli.REQUEST_DURATION + "_bucket")) {
                anyBucket = true;
                int index = Arrays.binarySearch(Sli.LATENCY_BOUNDS, PrometheusText.bound(s));
                if (index >= 0) {
                    buckets[index] += count(s);
                    seen[index] = true;
                }
            }
        }
        boolean complete = true;
        for (boolean b : seen) {
            complete &= b;
        }
        return new CounterSnapshot(good, bad, !anyBucket || complete ? buckets : null, decisions, denied);
    }

    private static long count(Sample s) {
        if (!(s.value() >= 0) || Double.isInfinite(s.value())) {
            throw new IllegalArgumentException(s.name() + " has the count " + s.value());
        }
        return Math.round(s.value());
    }

    /**
     * What happened between {@code previous} and this snapshot, as Prometheus' {@code increase()} counts it without
     * extrapolation: a counter that went down was reset (the replica restarted), so all of its current value is new.
     * A drop of the request counters resets every counter of the replica, so buckets and counts stay consistent.
     */
    public Interval since(CounterSnapshot previous, long endEpochSecond, long seconds) {
        boolean restarted = good < previous.good || bad < previous.bad || decisions < previous.decisions
                || denied < previous.denied;
        CounterSnapshot base = restarted ? new CounterSnapshot(0, 0, null, 0, 0) : previous;
        long[] increase = null;
        if (buckets != null && (restarted || base.buckets != null)) {
            increase = new long[buckets.length];
            for (int i = 0; i < buckets.length; i++) {
                long before = restarted ? 0 : base.buckets[i];
                increase[i] = buckets[i] >= before ? buckets[i] - before : buckets[i];
            }
        }
        return new Interval(endEpochSecond, seconds, good - base.good, bad - base.bad, increase,
                decisions - base.decisions, denied - base.denied);
    }
}
