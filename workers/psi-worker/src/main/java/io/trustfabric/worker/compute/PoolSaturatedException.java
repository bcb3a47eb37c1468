package io.trustfabric.worker.compute;

/** A tenant's compute queue is full: the request is answered 429 and changes nothing. */
public class PoolSaturatedException extends RuntimeException {
    public PoolSaturatedException(String lane, int threads, int queued, String reason) {
        super(reason != null ? reason : "all " + threads + " compute threads are busy and " + queued
                + " requests of tenant " + lane + " are waiting");
    }
}
