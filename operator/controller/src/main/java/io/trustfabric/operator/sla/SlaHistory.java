package io.trustfabric.operator.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * One tenant's measured intervals: every scrape's for {@link #FULL_RESOLUTION} (3 days), and hourly sums for
 * {@link #RETENTION} (30 days). At a 30 s scrape interval that is 8,640 scrape intervals of about 220 bytes and 720
 * hourly sums, about 2 MB per tenant (docs/sla.md). Not thread-safe: the sampler owns it.
 */
public final class SlaHistory {

    public static final Duration FULL_RESOLUTION = Duration.ofDays(3);
    public static final Duration RETENTION = Duration.ofDays(30);
    private static final long HOUR = 3600;

    private final Deque<Interval> scrapes = new ArrayDeque<>();
    private final Deque<Interval> hours = new ArrayDeque<>();
    private long firstMeasured = -1;

    /** Adds the interval of one scrape (intervals arrive in time order). */
    public void add(Interval interval) {
        if (firstMeasured < 0) {
            firstMeasured = interval.start();
        }
        scrapes.addLast(interval);
        long hourEnd = Math.floorDiv(interval.end() - 1, HOUR) * HOUR + HOUR;
        Interval last = hours.peekLast();
        if (last != null && last.end() == hourEnd) {
            hours.removeLast();
            Interval merged = last.plus(interval);
            hours.addLast(new Interval(hourEnd, HOUR, merged.good(), merged.bad(), merged.buckets(),
                    merged.decisions(), merged.denied()));
        } else {
            hours.addLast(new Interval(hourEnd, HOUR, interval.good(), interval.bad(), interval.buckets(),
                    interval.decisions(), interval.denied()));
        }
        long now = interval.end();
        while (!scrapes.isEmpty() && scrapes.peekFirst().end() <= now - FULL_RESOLUTION.toSeconds()) {
            scrapes.removeFirst();
        }
        while (!hours.isEmpty() && hours.peekFirst().end() <= now - RETENTION.toSeconds()) {
            hours.removeFirst();
        }
    }

    /**
     * The sum of the intervals that ended within {@code window} before {@code now}: scrape by scrape up to 3 days,
     * by whole hours beyond (the current hour's sum, which ends later, included).
     */
    public Interval over(Instant now, Duration window) {
        long from = now.getEpochSecond() - window.toSeconds();
        Deque<Interval> source = window.compareTo(FULL_RESOLUTION) <= 0 ? scrapes : hours;
        Interval sum = Interval.EMPTY;
        for (Iterator<Interval> it = source.descendingIterator(); it.hasNext(); ) {
            Interval i = it.next();
            if (i.end() <= from) {
                break;
            }
            sum = sum.plus(i);
        }
        return sum;
    }

    /** The latest scrape's interval, if any. */
    public Interval latest() {
        return scrapes.isEmpty() ? null : scrapes.peekLast();
    }

    /** How long the history reaches back from {@code now} (0 before the first interval). */
    public Duration measured(Instant now) {
        return firstMeasured < 0 ? Duration.ZERO : Duration.ofSeconds(Math.max(0, now.getEpochSecond() - firstMeasured));
    }

    int scrapeCount() {
        return scrapes.size();
    }

    int hourCount() {
        return hours.size();
    }
}
