package io.trustfabric.operator.sla;

import java.util.Arrays;

/**
 * A tenant's SLI counts over {@code (end - seconds, end]}: summed over its replicas for one scrape, or summed over
 * many scrapes for an hourly aggregate.
 *
 * @param buckets per {@link Sli#LATENCY_BOUNDS} bound, cumulative (requests at or below the bound); null when unknown
 */
public record Interval(long end, long seconds, long good, long bad, long[] buckets, long decisions, long denied) {

    public static final Interval EMPTY = new Interval(0, 0, 0, 0, null, 0, 0);

    public long requests() {
        return good + bad;
    }

    public long start() {
        return end - seconds;
    }

    /** Both intervals' counts, spanning from the earlier start to the later end. */
    public Interval plus(Interval other) {
        if (this == EMPTY || seconds == 0 && requests() == 0 && buckets == null && decisions == 0) {
            return other;
        }
        long[] sum;
        if (buckets == null) {
            sum = requests() == 0 ? other.buckets : null;
        } else if (other.buckets == null) {
            sum = other.requests() == 0 ? buckets : null;
        } else {
            sum = new long[buckets.length];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = buckets[i] + other.buckets[i];
            }
        }
        long newEnd = Math.max(end, other.end);
        long newStart = Math.min(start(), other.start());
        return new Interval(newEnd, newEnd - newStart, good + other.good, bad + other.bad, sum,
                decisions + other.decisions, denied + other.denied);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interval i && end == i.end && seconds == i.seconds && good == i.good && bad == i.bad
                && Arrays.equals(buckets, i.buckets) && decisions == i.decisions && denied == i.denied;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(end) * 31 + Long.hashCode(good + bad);
    }

    @Override
    public String toString() {
        return "Interval[end=" + end + ", seconds=" + seconds + ", good=" + good + ", bad=" + bad + ", buckets="
                + Arrays.toString(buckets) + ", decisions=" + decisions + ", denied=" + denied + "]";
    }
}
