package io.trustfabric.worker.compute;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that do scalar multiplications for requests, off the event loop. At most
 * {@code threads} run at once and at most {@code queueCapacity} wait; beyond that a task is
 * refused at once ({@link PoolSaturatedException}) instead of queueing without bound.
 */
public final class ComputePool implements AutoCloseable {
    private final ThreadPoolExecutor executor;
    private final BlockingQueue<Runnable> queue;

    public ComputePool(int threads, int queueCapacity) {
        if (threads < 1) {
            throw new IllegalArgumentException("compute pool needs at least one thread");
        }
        this.queue = queueCapacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity);
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, queue,
                namedDaemonThreads("psi-compute-"), new ThreadPoolExecutor.AbortPolicy());
        executor.prestartAllCoreThreads();
    }

    /**
     * Runs {@code task} on the pool.
     *
     * @throws PoolSaturatedException if all threads are busy and the queue is full
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(task.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new PoolSaturatedException(executor.getMaximumPoolSize(), queue.size());
        }
        return result;
    }

    /** Tasks waiting for a thread. */
    public int queueDepth() {
        return queue.size();
    }

    public int threads() {
        return executor.getMaximumPoolSize();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    static ThreadFactory namedDaemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
