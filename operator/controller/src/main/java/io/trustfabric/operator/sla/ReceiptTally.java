package io.trustfabric.operator.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** One tenant's sampled and verified receipt counts per day, for {@value #DAYS} days. Thread-safe. */
public final class ReceiptTally {

    public static final int DAYS = 30;

    private record Day(long day, long sampled, long verified) {
    }

    private final Deque<Day> days = new ArrayDeque<>();

    public synchronized void record(Instant now, boolean verified) {
        long day = Math.floorDiv(now.getEpochSecond(), 86_400);
        Day last = days.peekLast();
        if (last != null && last.day() == day) {
            days.removeLast();
            days.addLast(new Day(day, last.sampled() + 1, last.verified() + (verified ? 1 : 0)));
        } else {
            days.addLast(new Day(day, 1, verified ? 1 : 0));
        }
        while (days.peekFirst().day() <= day - DAYS) {
            days.removeFirst();
        }
    }

    /** Receipts sampled over the last 30 days. */
    public synchronized long sampled(Instant now) {
        long since = Math.floorDiv(now.minus(Duration.ofDays(DAYS)).getEpochSecond(), 86_400);
        return days.stream().filter(d -> d.day() > since).mapToLong(Day::sampled).sum();
    }

    /** Verified share of the sampled receipts over the last 30 days, 0 to 1; null when none was sampled. */
    public synchronized Double verifyRate(Instant now) {
        long since = Math.floorDiv(now.minus(Duration.ofDays(DAYS)).getEpochSecond(), 86_400);
        long sampled = days.stream().filter(d -> d.day() > since).mapToLong(Day::sampled).sum();
        long verified = days.stream().filter(d -> d.day() > since).mapToLong(Day::verified).sum();
        return sampled == 0 ? null : (double) verified / sampled;
    }
}
