package io.trustfabric.worker.compute;

import io.trustfabric.worker.schedule.FairQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads that do scalar multiplications for requests, off the event loop. Waiting tasks sit in
 * one bounded lane per tenant and are served in weighted fair order ({@link FairQueue}, cost = element
 * count), so on a shared pool a busy tenant cannot starve the others. A task whose lane is full is
 * refused at once ({@link PoolSaturatedException}) instead of queueing without bound.
 */
public final class ComputePool implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final FairQueue<Runnable> queue = new FairQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private int idleThreads;
    private boolean closed;

    public ComputePool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("compute pool needs at least one thread");
        }
        for (int i = 1; i <= threads; i++) {
            Thread thread = new Thread(this::serve, "psi-compute-" + i);
            thread.setDaemon(true);
            this.threads.add(thread);
            thread.start();
        }
    }

    /** Adds a tenant's lane: {@code weight} is its fair share, {@code queueCapacity} how many of its tasks may wait. */
    public void addLane(String lane, double weight, int queueCapacity) {
        lock.lock();
        try {
            queue.addLane(lane, weight, queueCapacity);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code task} on the pool in {@code lane}'s turn.
     *
     * @param cost the work the task stands for (elements), which fair sharing accounts
     * @throws PoolSaturatedException if the lane's queue is full and no thread is idle
     */
    public <T> CompletableFuture<T> submit(String lane, long cost, Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable runnable = () -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        };
        lock.lock();
        try {
            if (closed) {
                throw new PoolSaturatedException(lane, threads.size(), queue.size(lane), "the pool is shut down");
            }
            if (queue.size(lane) < queue.capacity(lane)) {
                queue.offer(lane, cost, runnable);
            } else if (idleThreads > queue.size()) {
                queue.addBeyondCapacity(lane, cost, runnable);
            } else {
                throw new PoolSaturatedException(lane, threads.size(), queue.size(lane), null);
            }
            work.signal();
        } finally {
            lock.unlock();
        }
        return result;
    }

    private void serve() {
        while (true) {
            Runnable next;
            lock.lock();
            try {
                idleThreads++;
                while (!closed && queue.size() == 0) {
                    work.awaitUninterruptibly();
                }
                idleThreads--;
                if (closed) {
                    return;
                }
                next = queue.poll();
            } finally {
                lock.unlock();
            }
            next.run();
        }
    }

    /** Tasks waiting for a thread, all lanes. */
    public int queueDepth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Tasks of {@code lane} waiting for a thread. */
    public int queueDepth(String lane) {
        lock.lock();
        try {
            return queue.size(lane);
        } finally {
            lock.unlock();
        }
    }

    public int threads() {
        return threads.size();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        threads.forEach(Thread::interrupt);
    }
}
