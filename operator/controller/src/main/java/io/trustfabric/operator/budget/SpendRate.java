package io.trustfabric.operator.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A budget's recent spend rate, from the consumed total observed at each ledger change over a sliding window.
 * Kept in memory: after an operator restart leases start small again, which is safe.
 */
public final class SpendRate {

    public static final Duration WINDOW = Duration.ofSeconds(60);

    private record Sample(Instant at, long consumed) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /** Records the consumed total seen at {@code at}. A drop (period reset) starts over. */
    public synchronized void observe(Instant at, long consumed) {
        if (!samples.isEmpty() && consumed < samples.peekLast().consumed()) {
            samples.clear();
        }
        samples.addLast(new Sample(at, consumed));
        while (samples.size() > 2 && samples.peekFirst().at().isBefore(at.minus(WINDOW))) {
            samples.removeFirst();
        }
    }

    /** Micro-epsilon the budget spends in {@code horizon} at the recent rate (0 when unknown). */
    public synchronized long spendIn(Duration horizon) {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long millis = Duration.between(first.at(), last.at()).toMillis();
        if (millis <= 0) {
            return 0;
        }
        long spent = last.consumed() - first.consumed();
        try {
            return -Math.floorDiv(-Math.multiplyExact(spent, horizon.toMillis()), millis);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
