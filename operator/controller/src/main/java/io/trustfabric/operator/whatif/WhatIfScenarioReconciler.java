package io.trustfabric.operator.whatif;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.trustfabric.operator.reading.UnreadableObjects;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.ApiDuration;
import io.trustfabric.api.v1alpha1.ReportRef;
import io.trustfabric.api.v1alpha1.ScenarioManifest;
import io.trustfabric.api.v1alpha1.ScenarioPhase;
import io.trustfabric.api.v1alpha1.ScenarioTemplate;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.api.v1alpha1.WhatIfScenarioStatus;
import io.trustfabric.operator.status.StatusAggregator;
import io.trustfabric.operator.status.StatusAggregator.StatusUpdate;
import io.trustfabric.operator.status.StatusPatches;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what-if scenarios. Observe (the scenario's generation against status and this process's run), validate (the
 * tenant, a runner for the template, the runner's own check), then reconcile: queue a run (Pending), report its
 * progress while it runs (Running, at most every {@link #PROGRESS_INTERVAL}), and on its end write the report
 * ConfigMap and the outcome (Succeeded or Failed). Runs happen on {@link ScenarioRuns}' threads; only the leader
 * reconciles, so only the leader replays.
 * <p>
 * A generation whose outcome is in status is never run again, also not after a restart; a scenario found Pending or
 * Running without a run in this process (the operator restarted, or leadership moved) is run again from the start.
 */
@ControllerConfiguration(name = WhatIfScenarioReconciler.NAME)
public class WhatIfScenarioReconciler implements Reconciler<WhatIfScenario> {

    public static final String NAME = "whatifscenario";
    static final String RUNS = "whatif-runs";
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(WhatIfScenarioReconciler.class);

    private final Map<ScenarioTemplate, ScenarioRunner> runners = new EnumMap<>(ScenarioTemplate.class);
    private final ScenarioRuns runs;
    private final StatusAggregator aggregator;
    private final ScenarioEvents events;
    private final Clock clock;
    private final UnreadableObjects unreadable;

    public WhatIfScenarioReconciler(List<ScenarioRunner> runners, ScenarioRuns runs, StatusAggregator aggregator,
                                    ScenarioEvents events, Clock clock) {
        this(runners, runs, aggregator, events, clock, null);
    }

    /** @param unreadable reports a scenario the operator could not read whole; null: not checked (unit tests) */
    public WhatIfScenarioReconciler(List<ScenarioRunner> runners, ScenarioRuns runs, StatusAggregator aggregator,
                                    ScenarioEvents events, Clock clock, UnreadableObjects unreadable) {
        this.unreadable = unreadable;
        runners.forEach(r -> this.runners.put(r.template(), r));
        this.runs = runs;
        this.aggregator = aggregator;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, WhatIfScenario>> prepareEventSources(EventSourceContext<WhatIfScenario> context) {
        SimpleInboundEventSource<WhatIfScenario> wake = new SimpleInboundEventSource<>(RUNS);
        var scenarios = context.getPrimaryCache();
        runs.connect(wake::propagateEvent, id -> scenarios.get(id).map(s -> s.getMetadata().getGeneration()));
        return List.of(wake);
    }

    @Override
    public UpdateControl<WhatIfScenario> reconcile(WhatIfScenario scenario, Context<WhatIfScenario> context) {
        if (unreadable != null) {
            Optional<UpdateControl<WhatIfScenario>> stop = unreadable.stopIfUnreadable(scenario, context,
                    WhatIfScenarioStatus::new, ScenarioConditions.COMPLETED);
            if (stop.isPresent()) {
                return stop.get();
            }
        }
        ResourceID id = ResourceID.fromResource(scenario);
        long generation = scenario.getMetadata().getGeneration() == null ? 0 : scenario.getMetadata().getGeneration();
        StatusUpdate<WhatIfScenarioStatus> update = aggregator.begin(scenario.getStatus(), WhatIfScenarioStatus::new);
        Optional<ScenarioRuns.Run> run = runs.current(id).filter(r -> r.generation() == generation);
        if (run.isEmpty()) {
            if (finished(scenario.getStatus(), generation)) {
                return UpdateControl.noUpdate();
            }
            return start(scenario, generation, update, context);
        }
        update.observedGeneration(generation);
        ScenarioRuns.State state = run.get().state();
        boolean ended = state == ScenarioRuns.State.SUCCEEDED || state == ScenarioRuns.State.FAILED;
        if (ended && run.get().reported() && finished(scenario.getStatus(), generation)) {
            // the outcome is in the status this reconcile read: the run is no longer needed
            runs.forget(run.get());
            return UpdateControl.noUpdate();
        }
        return switch (state) {
            case QUEUED -> finish(scenario, queued(update, generation));
            case RUNNING -> running(scenario, run.get(), update);
            case SUCCEEDED -> succeeded(scenario, run.get(), update, context);
            case FAILED -> failed(scenario, run.get(), update);
        };
    }

    private static boolean finished(WhatIfScenarioStatus status, long generation) {
        return status != null && status.getObservedGeneration() != null && status.getObservedGeneration() == generation
                && (status.getPhase() == ScenarioPhase.Succeeded || status.getPhase() == ScenarioPhase.Failed);
    }

    private UpdateControl<WhatIfScenario> start(WhatIfScenario scenario, long generation,
                                                StatusUpdate<WhatIfScenarioStatus> update,
                                                Context<WhatIfScenario> context) {
        WhatIfScenarioStatus status = update.status();
        clearOutcome(status);
        status.setProgress(0);
        status.setReplayed(0L);
        status.setTotal(null);
        status.setStartedAt(null);
        update.observedGeneration(generation);
        String namespace = scenario.getMetadata().getNamespace();
        String tenantName = scenario.getSpec() == null ? null : scenario.getSpec().getTenantRef();
        try {
            // the API server's schema requires both; an object stored without that schema (or by the mock) may not
            if (tenantName == null || tenantName.isBlank() || scenario.getSpec().getTemplate() == null) {
                throw new ScenarioFailure(ScenarioConditions.REASON_INVALID_SPEC, "spec.tenantRef and spec.template"
                        + " are required: name the Tenant whose traffic to replay and one of the templates.");
            }
            Duration window = window(scenario.getSpec().getWindow());
            Tenant tenant = context.getClient().resources(Tenant.class).inNamespace(namespace).withName(tenantName)
                    .get();
            if (tenant == null) {
                throw new ScenarioFailure(ScenarioConditions.REASON_TENANT_NOT_FOUND, "Tenant '" + tenantName
                        + "' named in spec.tenantRef does not exist in namespace '" + namespace + "'; fix the name.");
            }
            ScenarioRunner runner = runners.get(scenario.getSpec().getTemplate());
            if (runner == null) {
                throw new ScenarioFailure(ScenarioConditions.REASON_NO_RUNNER, "This operator version has no runner"
                        + " for template '" + scenario.getSpec().getTemplate().wireName() + "' (it runs: "
                        + runners.keySet().stream().map(ScenarioTemplate::wireName).toList() + ").");
            }
            Instant end = clock.instant();
            ScenarioRequest request = new ScenarioRequest(scenario, tenant, end.minus(window), end);
            runner.check(request);
            runs.start(ResourceID.fromResource(scenario), generation, runner, request);
        } catch (ScenarioFailure e) {
            return fail(scenario, update, e.reason(), e.getMessage(), null);
        }
        return finish(scenario, queued(update, generation));
    }

    private static StatusUpdate<WhatIfScenarioStatus> queued(StatusUpdate<WhatIfScenarioStatus> update,
                                                             long generation) {
        WhatIfScenarioStatus status = update.status();
        clearOutcome(status);
        status.setPhase(ScenarioPhase.Pending);
        return update.set(ScenarioConditions.COMPLETED, Condition.FALSE, ScenarioConditions.REASON_PENDING,
                "Generation " + generation + " is queued for replay.", generation);
    }

    /** What an earlier generation's outcome left in status. */
    private static void clearOutcome(WhatIfScenarioStatus status) {
        status.setFinishedAt(null);
        status.setSummary(null);
        status.setManifest(null);
        status.setReportRef(null);
    }

    private UpdateControl<WhatIfScenario> running(WhatIfScenario scenario, ScenarioRuns.Run run,
                                                  StatusUpdate<WhatIfScenarioStatus> update) {
        WhatIfScenarioStatus status = update.status();
        announceStart(scenario, run);
        clearOutcome(status);
        status.setPhase(ScenarioPhase.Running);
        status.setStartedAt(run.startedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        progress(status, run);
        update.set(ScenarioConditions.COMPLETED, Condition.FALSE, ScenarioConditions.REASON_RUNNING,
                "Replaying generation " + run.generation() + ".", run.generation());
        return finish(scenario, update).rescheduleAfter(PROGRESS_INTERVAL);
    }

    private UpdateControl<WhatIfScenario> succeeded(WhatIfScenario scenario, ScenarioRuns.Run run,
                                                    StatusUpdate<WhatIfScenarioStatus> update,
                                                    Context<WhatIfScenario> context) {
        ScenarioResult result = run.result();
        announceStart(scenario, run);
        ScenarioManifest manifest = manifest(scenario, run, result);
        String configMap;
        try {
            configMap = ScenarioReportConfigMap.write(context.getClient(), scenario,
                    ScenarioReport.html(scenario.getMetadata().getNamespace(), scenario.getMetadata().getName(),
                            manifest, result), ScenarioReport.manifestJson(manifest));
        } catch (KubernetesClientException | IllegalStateException e) {
            if (e instanceof KubernetesClientException k && StatusPatches.isTransient(k)) {
                throw k;
            }
            fail(scenario, update, ScenarioConditions.REASON_REPORT_NOT_STORED, "The replay finished but its"
                    + " report could not be stored: " + e.getMessage(), run);
            return reported(scenario, run, update);
        }
        WhatIfScenarioStatus status = update.status();
        status.setPhase(ScenarioPhase.Succeeded);
        times(status, run);
        status.setProgress(100);
        status.setTotal(Math.max(run.total(), 0));
        status.setReplayed(run.replayed());
        status.setSummary(result.summary());
        status.setManifest(manifest);
        status.setReportRef(new ReportRef(configMap, ScenarioReport.HTML_KEY));
        String headline = result.summary().getHeadline() == null ? "Replay finished" : result.summary().getHeadline();
        update.set(ScenarioConditions.COMPLETED, Condition.TRUE, ScenarioConditions.REASON_SUCCEEDED,
                headline + ". Report: ConfigMap " + configMap + ", key " + ScenarioReport.HTML_KEY + ".",
                run.generation());
        if (!run.reported()) {
            events.succeeded(scenario, headline);
        }
        return reported(scenario, run, update);
    }

    private UpdateControl<WhatIfScenario> failed(WhatIfScenario scenario, ScenarioRuns.Run run,
                                                 StatusUpdate<WhatIfScenarioStatus> update) {
        ScenarioFailure failure = run.failure();
        announceStart(scenario, run);
        fail(scenario, update, failure.reason(), failure.getMessage(), run);
        return reported(scenario, run, update);
    }

    private UpdateControl<WhatIfScenario> fail(WhatIfScenario scenario, StatusUpdate<WhatIfScenarioStatus> update,
                                               String reason, String message, ScenarioRuns.Run run) {
        WhatIfScenarioStatus status = update.status();
        status.setPhase(ScenarioPhase.Failed);
        if (run != null) {
            times(status, run);
            progress(status, run);
        } else {
            status.setFinishedAt(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        update.set(ScenarioConditions.COMPLETED, Condition.TRUE, reason, message, scenario.getMetadata().getGeneration());
        if (run == null || !run.reported()) {
            events.failed(scenario, reason, message);
        }
        return finish(scenario, update);
    }

    /**
     * Writes an ended run's outcome. The run is kept (its Events are not sent again) until a reconcile reads the
     * outcome back: a reconcile that still reads an older status (the informer had not caught up) writes it again
     * instead of taking the generation for unstarted and running it once more.
     */
    private UpdateControl<WhatIfScenario> reported(WhatIfScenario scenario, ScenarioRuns.Run run,
                                                   StatusUpdate<WhatIfScenarioStatus> update) {
        run.markReported();
        return finish(scenario, update).rescheduleAfter(PROGRESS_INTERVAL);
    }

    /** The Started Event, once per run, also for a run that ended before a reconcile saw it running. */
    private void announceStart(WhatIfScenario scenario, ScenarioRuns.Run run) {
        if (run.startedAt() != null && run.markAnnounced()) {
            events.started(scenario, run.generation());
        }
    }

    private static void times(WhatIfScenarioStatus status, ScenarioRuns.Run run) {
        if (run.startedAt() != null) {
            status.setStartedAt(run.startedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        if (run.finishedAt() != null) {
            status.setFinishedAt(run.finishedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        }
    }

    private static void progress(WhatIfScenarioStatus status, ScenarioRuns.Run run) {
        long total = run.total();
        long replayed = Math.max(0, run.replayed());
        status.setReplayed(replayed);
        status.setTotal(total < 0 ? null : total);
        status.setProgress(total <= 0 ? 0 : (int) Math.min(100, replayed * 100 / total));
    }

    private static ScenarioManifest manifest(WhatIfScenario scenario, ScenarioRuns.Run run, ScenarioResult result) {
        ScenarioManifest manifest = new ScenarioManifest();
        manifest.setTenant(scenario.getMetadata().getNamespace() + "/" + scenario.getSpec().getTenantRef());
        manifest.setTemplate(scenario.getSpec().getTemplate().wireName());
        manifest.setWindowStart(run.request().windowStart().toString());
        manifest.setWindowEnd(run.request().windowEnd().toString());
        manifest.setTrafficDigest(result.trafficDigest());
        manifest.setBaseline(result.baseline());
        manifest.setCandidate(result.candidate());
        return manifest;
    }

    private static Duration window(String text) throws ScenarioFailure {
        try {
            Duration window = ApiDuration.parse(text == null ? "24h" : text);
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("it must be longer than 0");
            }
            return window;
        } catch (IllegalArgumentException e) {
            throw new ScenarioFailure(ScenarioConditions.REASON_INVALID_WINDOW, "spec.window '" + text
                    + "' is not a duration: " + e.getMessage() + " (e.g. 24h, 90m).");
        }
    }

    @Override
    public ErrorStatusUpdateControl<WhatIfScenario> updateErrorStatus(WhatIfScenario scenario,
                                                                      Context<WhatIfScenario> context, Exception e) {
        if (!StatusPatches.isTransient(e)) {
            LOG.warn("Reconciling WhatIfScenario {}/{} failed: {}", scenario.getMetadata().getNamespace(),
                    scenario.getMetadata().getName(), e.toString());
        }
        return ErrorStatusUpdateControl.defaultErrorProcessing();
    }

    private UpdateControl<WhatIfScenario> finish(WhatIfScenario scenario, StatusUpdate<WhatIfScenarioStatus> update) {
        if (!update.changed()) {
            return UpdateControl.noUpdate();
        }
        scenario.setStatus(update.status());
        return UpdateControl.patchStatus(StatusPatches.unconditional(scenario));
    }
}
