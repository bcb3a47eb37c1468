package io.trustfabric.worker.compute;

/** The compute pool is busy and its queue full: the request is answered 429 and changes nothing. */
public class PoolSaturatedException extends RuntimeException {
    public PoolSaturatedException(int threads, int queued) {
        super("all " + threads + " compute threads are busy and " + queued + " requests are waiting");
    }
}
