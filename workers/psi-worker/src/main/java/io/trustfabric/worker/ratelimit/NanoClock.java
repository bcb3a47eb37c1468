package io.trustfabric.worker.ratelimit;

/** A monotonic nanosecond time source; {@link System#nanoTime()} in production, a counter in tests. */
@FunctionalInterface
public interface NanoClock {
    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
