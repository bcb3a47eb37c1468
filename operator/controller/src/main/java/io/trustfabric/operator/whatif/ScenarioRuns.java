package io.trustfabric.operator.whatif;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.trustfabric.operator.policy.decisions.TenantRef;
import io.trustfabric.operator.sla.ReplayDurations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replays of this process, off the reconciler threads: at most {@code concurrency} run at a time, the others wait
 * in order. One run per scenario; starting a new generation's run cancels the older one. A run wakes its scenario's
 * reconcile when it starts and when it ends; in between the reconciler polls {@link Run#replayed()}.
 */
public final class ScenarioRuns implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRuns.class);

    /** Where a run is. */
    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

    private final ExecutorService executor;
    private final Clock clock;
    private final ReplayDurations durations;
    private final Map<ResourceID, Run> runs = new ConcurrentHashMap<>();
    private volatile Consumer<ResourceID> wake = id -> { };
    private volatile Function<ResourceID, Optional<Long>> generations;

    public ScenarioRuns(int concurrency, Clock clock, ReplayDurations durations) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "whatif-replay-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.clock = clock;
        this.durations = durations;
    }

    /**
     * @param wake        triggers a reconcile of the scenario
     * @param generations the scenario's generation as the informer has it now (empty once deleted): a run whose
     *                    generation is no longer current is cancelled
     */
    void connect(Consumer<ResourceID> wake, Function<ResourceID, Optional<Long>> generations) {
        this.wake = wake;
        this.generations = generations;
    }

    /** The run of a scenario, if this process has one. */
    Optional<Run> current(ResourceID scenario) {
        return Optional.ofNullable(runs.get(scenario));
    }

    /** Queues a run of one generation, cancelling the scenario's earlier run. */
    Run start(ResourceID scenario, long generation, ScenarioRunner runner, ScenarioRequest request) {
        Run run = new Run(scenario, generation, request);
        Run previous = runs.put(scenario, run);
        if (previous != null) {
            previous.cancel();
        }
        executor.execute(() -> execute(run, runner, request));
        return run;
    }

    /** Forgets a finished run once its outcome is in status. */
    void forget(Run run) {
        runs.remove(run.scenario, run);
    }

    private void execute(Run run, ScenarioRunner runner, ScenarioRequest request) {
        if (run.cancelled()) {
            return;
        }
        run.startedAt = clock.instant();
        run.state = State.RUNNING;
        wake.accept(run.scenario);
        long start = System.nanoTime();
        try {
            run.result = runner.run(request, run);
            run.state = State.SUCCEEDED;
            durations.finished(new TenantRef(request.namespace(), request.tenantName()),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (ScenarioFailure e) {
            run.failure = e;
            run.state = State.FAILED;
        } catch (RuntimeException e) {
            LOG.warn("What-if replay of {} failed", run.scenario, e);
            run.failure = new ScenarioFailure("ReplayFailed", "The replay failed unexpectedly: " + e
                    + ". The operator log has the details; edit the scenario to run it again.");
            run.state = State.FAILED;
        }
        run.finishedAt = clock.instant();
        if (run.cancelled()) {
            runs.remove(run.scenario, run);
        } else {
            wake.accept(run.scenario);
        }
    }

    @Override
    public void close() {
        runs.values().forEach(Run::cancel);
        executor.shutdownNow();
    }

    /** One generation's run; its progress as the runner reports it. */
    final class Run implements ScenarioProgress {
        private final ResourceID scenario;
        private final long generation;
        private final ScenarioRequest request;
        private volatile State state = State.QUEUED;
        private volatile boolean cancelled;
        private volatile boolean reported;
        private final java.util.concurrent.atomic.AtomicBoolean announced = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile long total = -1;
        private volatile long replayed;
        private volatile Instant startedAt;
        private volatile Instant finishedAt;
        private volatile ScenarioResult result;
        private volatile ScenarioFailure failure;

        private Run(ResourceID scenario, long generation, ScenarioRequest request) {
            this.scenario = scenario;
            this.generation = generation;
            this.request = request;
        }

        ScenarioRequest request() {
            return request;
        }

        long generation() {
            return generation;
        }

        State state() {
            return state;
        }

        Instant startedAt() {
            return startedAt;
        }

        Instant finishedAt() {
            return finishedAt;
        }

        ScenarioResult result() {
            return result;
        }

        ScenarioFailure failure() {
            return failure;
        }

        /** Items to go through; negative until the runner said. */
        long total() {
            return total;
        }

        long replayed() {
            return replayed;
        }

        void cancel() {
            cancelled = true;
        }

        /** Whether the outcome was written to status (and its Events sent) at least once. */
        boolean reported() {
            return reported;
        }

        void markReported() {
            reported = true;
        }

        /** True the first time only: whether the caller is the one to announce the run's start. */
        boolean markAnnounced() {
            return announced.compareAndSet(false, true);
        }

        @Override
        public void total(long total) {
            this.total = total;
        }

        @Override
        public void replayed(long replayed) {
            this.replayed = replayed;
        }

        @Override
        public boolean cancelled() {
            Function<ResourceID, Optional<Long>> current = generations;
            if (!cancelled && current != null && !current.apply(scenario).map(g -> g == generation).orElse(false)) {
                cancelled = true;
            }
            return cancelled;
        }
    }
}
