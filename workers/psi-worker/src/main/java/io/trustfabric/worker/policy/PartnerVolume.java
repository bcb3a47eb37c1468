package io.trustfabric.worker.policy;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What each partner of one tenant asked of this worker process in the sliding last hour and last day: queries
 * answered and the elements in them. Counted in per-minute buckets, so a partner costs at most 1,440 buckets and
 * a window is exact to the minute: "the last hour" is the current minute and the 59 before it. Partners without
 * a query in the last day are forgotten.
 */
public final class PartnerVolume {
    static final int HOUR_MINUTES = 60;
    static final int DAY_MINUTES = 24 * 60;

    /** Queries and elements in one window. */
    public record Counts(long queries, long elements) {
        public static final Counts ZERO = new Counts(0, 0);
    }

    /** The two windows the decision input carries. */
    public record Windows(Counts hour, Counts day) {
    }

    private static final class Bucket {
        final long minute;
        long queries;
        long elements;

        Bucket(long minute) {
            this.minute = minute;
        }
    }

    private final Clock clock;
    private final Map<String, ArrayDeque<Bucket>> partners = new HashMap<>();

    public PartnerVolume(Clock clock) {
        this.clock = clock;
    }

    /** Counts one answered query of {@code elements} elements. */
    public synchronized void record(String partner, int elements) {
        long minute = minute();
        ArrayDeque<Bucket> buckets = partners.computeIfAbsent(partner, p -> new ArrayDeque<>());
        prune(buckets, minute);
        Bucket last = buckets.peekLast();
        if (last == null || last.minute != minute) {
            last = new Bucket(minute);
            buckets.addLast(last);
        }
        last.queries++;
        last.elements += elements;
    }

    /** The partner's counts in the last hour and day, up to now. */
    public synchronized Windows of(String partner) {
        long minute = minute();
        ArrayDeque<Bucket> buckets = partners.get(partner);
        if (buckets == null) {
            return new Windows(Counts.ZERO, Counts.ZERO);
        }
        prune(buckets, minute);
        if (buckets.isEmpty()) {
            partners.remove(partner);
            return new Windows(Counts.ZERO, Counts.ZERO);
        }
        long hourQueries = 0, hourElements = 0, dayQueries = 0, dayElements = 0;
        for (Bucket bucket : buckets) {
            dayQueries += bucket.queries;
            dayElements += bucket.elements;
            if (bucket.minute > minute - HOUR_MINUTES) {
                hourQueries += bucket.queries;
                hourElements += bucket.elements;
            }
        }
        return new Windows(new Counts(hourQueries, hourElements), new Counts(dayQueries, dayElements));
    }

    /** Buckets held, over all partners (bounded by 1,440 per partner). */
    synchronized int buckets() {
        long minute = minute();
        int total = 0;
        for (Iterator<ArrayDeque<Bucket>> it = partners.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Bucket> buckets = it.next();
            prune(buckets, minute);
            if (buckets.isEmpty()) {
                it.remove();
            }
            total += buckets.size();
        }
        return total;
    }

    private static void prune(ArrayDeque<Bucket> buckets, long minute) {
        while (!buckets.isEmpty() && buckets.peekFirst().minute <= minute - DAY_MINUTES) {
            buckets.removeFirst();
        }
    }

    private long minute() {
        return Math.floorDiv(clock.millis(), 60_000L);
    }
}
