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

    /** A partner's buckets, oldest first, and their sums (the day window), kept as buckets come and go. */
    private static final class Partner {
        final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
        long dayQueries;
        long dayElements;

        void prune(long minute) {
            while (!buckets.isEmpty() && buckets.peekFirst().minute <= minute - DAY_MINUTES) {
                Bucket gone = buckets.removeFirst();
                dayQueries -= gone.queries;
                dayElements -= gone.elements;
            }
        }
    }

    private final Clock clock;
    private final Map<String, Partner> partners = new HashMap<>();

    public PartnerVolume(Clock clock) {
        this.clock = clock;
    }

    /** Counts one answered query of {@code elements} elements. */
    public synchronized void record(String partner, int elements) {
        long minute = minute();
        Partner state = partners.computeIfAbsent(partner, p -> new Partner());
        state.prune(minute);
        Bucket last = state.buckets.peekLast();
        if (last == null || last.minute != minute) {
            last = new Bucket(minute);
            state.buckets.addLast(last);
        }
        last.queries++;
        last.elements += elements;
        state.dayQueries++;
        state.dayElements += elements;
    }

    /**
     * The partner's counts in the last hour and day, up to now. Asked on every query: the day comes from the running
     * sums, the hour from at most its 60 newest buckets.
     */
    public synchronized Windows of(String partner) {
        long minute = minute();
        Partner state = partners.get(partner);
        if (state == null) {
            return new Windows(Counts.ZERO, Counts.ZERO);
        }
        state.prune(minute);
        if (state.buckets.isEmpty()) {
            partners.remove(partner);
            return new Windows(Counts.ZERO, Counts.ZERO);
        }
        long hourQueries = 0;
        long hourElements = 0;
        for (Iterator<Bucket> newest = state.buckets.descendingIterator(); newest.hasNext(); ) {
            Bucket bucket = newest.next();
            if (bucket.minute <= minute - HOUR_MINUTES) {
                break;
            }
            hourQueries += bucket.queries;
            hourElements += bucket.elements;
        }
        return new Windows(new Counts(hourQueries, hourElements), new Counts(state.dayQueries, state.dayElements));
    }

    /** Buckets held, over all partners (bounded by 1,440 per partner). */
    synchronized int buckets() {
        long minute = minute();
        int total = 0;
        for (Iterator<Partner> it = partners.values().iterator(); it.hasNext(); ) {
            Partner state = it.next();
            state.prune(minute);
            if (state.buckets.isEmpty()) {
                it.remove();
            }
            total += state.buckets.size();
        }
        return total;
    }

    private long minute() {
        return Math.floorDiv(clock.millis(), 60_000L);
    }
}
