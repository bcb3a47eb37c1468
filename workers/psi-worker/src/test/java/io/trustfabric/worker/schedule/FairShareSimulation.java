package io.trustfabric.worker.schedule;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;

/**
 * A deterministic discrete-event simulation of a saturated shared pool: {@code servers} compute threads, a
 * query of n elements occupies a thread for n time units, and every tenant always has a full queue (each
 * dequeued query is replaced at once). No wall clock, no threads: the same inputs give the same numbers.
 */
final class FairShareSimulation {
    record Tenant(String name, double weight, LongUnaryOperator querySize) {
    }

    private record Job(int tenant, long elements) {
    }

    private record Running(long finishesAt, Job job) {
    }

    /** Elements completed per tenant by {@code horizon}. */
    static double[] run(Tenant[] tenants, int servers, long horizon, boolean costByElements) {
        FairQueue<Job> queue = new FairQueue<>();
        long[] sequence = new long[tenants.length];
        for (int i = 0; i < tenants.length; i++) {
            queue.addLane(tenants[i].name(), tenants[i].weight(), 8);
            for (int k = 0; k < 8; k++) {
                offer(queue, tenants, sequence, i, costByElements);
            }
        }
        double[] done = new double[tenants.length];
        PriorityQueue<Running> running = new PriorityQueue<>((a, b) -> Long.compare(a.finishesAt(), b.finishesAt()));
        long now = 0;
        for (int s = 0; s < servers; s++) {
            running.add(start(queue, tenants, sequence, now, costByElements));
        }
        while (true) {
            Running finished = running.poll();
            now = finished.finishesAt();
            if (now > horizon) {
                return done;
            }
            done[finished.job().tenant()] += finished.job().elements();
            running.add(start(queue, tenants, sequence, now, costByElements));
        }
    }

    private static Running start(FairQueue<Job> queue, Tenant[] tenants, long[] sequence, long now,
                                 boolean costByElements) {
        Job job = queue.poll();
        offer(queue, tenants, sequence, job.tenant(), costByElements); // the tenant stays backlogged
        return new Running(now + job.elements(), job);
    }

    private static void offer(FairQueue<Job> queue, Tenant[] tenants, long[] sequence, int tenant,
                              boolean costByElements) {
        long elements = tenants[tenant].querySize().applyAsLong(sequence[tenant]++);
        if (!queue.offer(tenants[tenant].name(), costByElements ? elements : 1, new Job(tenant, elements))) {
            throw new IllegalStateException("lane full in the simulation");
        }
    }

    /** Query sizes drawn uniformly from [min, max], reproducibly from {@code seed}. */
    static LongUnaryOperator uniformSizes(long seed, int min, int max) {
        return i -> new SplittableRandom(seed * 1_000_003L + i).nextInt(min, max + 1);
    }
}
