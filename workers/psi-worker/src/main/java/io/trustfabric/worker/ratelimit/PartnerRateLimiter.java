package io.trustfabric.worker.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per partner. A partner's rate comes from its allowlist entry, else the tenant's
 * default; when the rate changes (allowlist reload) the partner gets a fresh bucket with the new rate.
 */
public final class PartnerRateLimiter {
    private final NanoClock clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public PartnerRateLimiter(NanoClock clock) {
        this.clock = clock;
    }

    /**
     * Takes one request from the partner's bucket.
     *
     * @param rate the partner's effective rate, or null for no limit
     * @return 0 if allowed, else the nanoseconds until the partner may try again
     */
    public long tryAcquire(String partnerId, Rate rate) {
        if (rate == null) {
            buckets.remove(partnerId);
            return 0;
        }
        long now = clock.nanoTime();
        TokenBucket bucket = buckets.compute(partnerId, (id, existing) ->
                existing != null && existing.rate().equals(rate) ? existing : new TokenBucket(rate, now));
        return bucket.tryTake(now);
    }

    /** Whole seconds to put in {@code Retry-After} for a wait of {@code nanos} (at least 1). */
    public static long retryAfterSeconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
