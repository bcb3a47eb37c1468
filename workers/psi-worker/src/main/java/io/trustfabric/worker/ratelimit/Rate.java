package io.trustfabric.worker.ratelimit;

/** A token bucket's parameters: sustained requests per second and the burst it may absorb. */
public record Rate(double requestsPerSecond, int burst) {
    public Rate {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be a positive number, got " + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
    }
}
