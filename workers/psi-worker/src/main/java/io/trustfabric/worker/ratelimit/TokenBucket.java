package io.trustfabric.worker.ratelimit;

/**
 * A token bucket: holds up to {@code burst} tokens, refills at {@code requestsPerSecond}; each request
 * takes one. Thread-safe.
 */
public final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final Rate rate;
    private double tokens;
    private long lastRefill;

    public TokenBucket(Rate rate, long nowNanos) {
        this.rate = rate;
        this.tokens = rate.burst();
        this.lastRefill = nowNanos;
    }

    public Rate rate() {
        return rate;
    }

    /**
     * Takes a token if there is one.
     *
     * @return 0 if a token was taken, else the nanoseconds until the next token is available (nothing taken)
     */
    public synchronized long tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / rate.requestsPerSecond()));
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(rate.burst(), tokens + elapsed * rate.requestsPerSecond() / NANOS_PER_SECOND);
            lastRefill = nowNanos;
        }
    }
}
