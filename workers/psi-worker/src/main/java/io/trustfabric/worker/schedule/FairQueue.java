package io.trustfabric.worker.schedule;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weighted fair queueing across lanes (one lane per tenant) by start-time fair queueing (Goyal et al.):
 * each entry gets a start tag {@code max(virtualTime, lane's last finish tag)} and a finish tag
 * {@code start + cost / weight}; the entry with the smallest start tag is served next and the virtual
 * time becomes its start tag. While lanes are backlogged, the cost each lane is served is proportional
 * to its weight, whatever the individual costs. Each lane holds at most {@code capacity} entries.
 * Not thread-safe: the caller synchronizes.
 */
public final class FairQueue<T> {
    private final Map<String, Lane<T>> lanes = new LinkedHashMap<>();
    private double virtualTime;
    private long sequence;
    private int size;

    private record Entry<T>(T item, double start, long sequence) {
    }

    private static final class Lane<T> {
        final double weight;
        final int capacity;
        final Deque<Entry<T>> entries = new ArrayDeque<>();
        double lastFinish;

        Lane(double weight, int capacity) {
            this.weight = weight;
            this.capacity = capacity;
        }
    }

    /** Adds a lane; its weight is its share relative to the other lanes' weights. */
    public void addLane(String name, double weight, int capacity) {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight of lane " + name + " must be positive, got " + weight);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity of lane " + name + " must not be negative");
        }
        if (lanes.putIfAbsent(name, new Lane<>(weight, capacity)) != null) {
            throw new IllegalArgumentException("lane " + name + " exists already");
        }
    }

    public boolean hasLane(String name) {
        return lanes.containsKey(name);
    }

    /**
     * Queues {@code item} in {@code lane} with {@code cost} (e.g. its element count).
     *
     * @return false, changing nothing, if the lane is full
     */
    public boolean offer(String lane, double cost, T item) {
        Lane<T> target = lanes.get(lane);
        if (target == null) {
            throw new IllegalArgumentException("no lane " + lane);
        }
        if (target.entries.size() >= target.capacity) {
            return false;
        }
        add(target, cost, item);
        return true;
    }

    /** Queues {@code item} even if its lane is full (a task handed straight to an idle thread). */
    public void addBeyondCapacity(String lane, double cost, T item) {
        Lane<T> target = lanes.get(lane);
        if (target == null) {
            throw new IllegalArgumentException("no lane " + lane);
        }
        add(target, cost, item);
    }

    private void add(Lane<T> target, double cost, T item) {
        double start = Math.max(virtualTime, target.lastFinish);
        target.lastFinish = start + Math.max(cost, 0) / target.weight;
        target.entries.addLast(new Entry<>(item, start, sequence++));
        size++;
    }

    /** The next entry to serve (smallest start tag, then arrival order), or null when all lanes are empty. */
    public T poll() {
        Lane<T> next = null;
        for (Lane<T> lane : lanes.values()) {
            Entry<T> head = lane.entries.peekFirst();
            if (head != null && (next == null || before(head, next.entries.peekFirst()))) {
                next = lane;
            }
        }
        if (next == null) {
            return null;
        }
        Entry<T> entry = next.entries.removeFirst();
        virtualTime = entry.start();
        size--;
        return entry.item();
    }

    private static boolean before(Entry<?> a, Entry<?> b) {
        return a.start() < b.start() || (a.start() == b.start() && a.sequence() < b.sequence());
    }

    public int size() {
        return size;
    }

    public int size(String lane) {
        Lane<T> target = lanes.get(lane);
        return target == null ? 0 : target.entries.size();
    }

    public int capacity(String lane) {
        Lane<T> target = lanes.get(lane);
        if (target == null) {
            throw new IllegalArgumentException("no lane " + lane);
        }
        return target.capacity;
    }
}
