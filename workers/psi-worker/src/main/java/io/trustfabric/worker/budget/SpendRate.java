package io.trustfabric.worker.budget;

/**
 * A partner's committed spend over the last {@link #WINDOW_SECONDS} seconds, in one-second buckets; the next
 * lease asks for about that much, so a busy partner's worker asks the operator less often and an idle one
 * holds little.
 */
final class SpendRate {
    static final int WINDOW_SECONDS = 30;

    private final long[] buckets = new long[WINDOW_SECONDS];
    private final long[] bucketSecond = new long[WINDOW_SECONDS];

    synchronized void record(long epochSecond, long microEpsilon) {
        int slot = (int) Math.floorMod(epochSecond, (long) WINDOW_SECONDS);
        if (bucketSecond[slot] != epochSecond) {
            bucketSecond[slot] = epochSecond;
            buckets[slot] = 0;
        }
        buckets[slot] = Math.addExact(buckets[slot], microEpsilon);
    }

    synchronized long lastWindow(long nowEpochSecond) {
        long sum = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            if (nowEpochSecond - bucketSecond[i] < WINDOW_SECONDS) {
                sum = Math.addExact(sum, buckets[i]);
            }
        }
        return sum;
    }
}
