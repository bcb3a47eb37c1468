package io.trustfabric.operator.monitoring;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;

/**
 * JOSDK's metrics hook, exported in Prometheus format: reconciliations, failures, durations and received
 * events by resource kind. Metric names are documented in docs/operator-guide.md and are the ones the Helm
 * chart's alerts use.
 */
public final class PrometheusReconcileMetrics implements Metrics {

    /** The names the Helm chart's alerts and dashboard query (helm/trust-fabric/files/metrics.yaml). */
    public static final String PREFIX = "operator_sdk_";

    private final Counter reconciliations;
    private final Counter retries;
    private final Counter failures;
    private final Counter successes;
    private final Counter events;
    private final Histogram durations;
    private final Gauge controllers;
    private final Gauge inProgress;

    public PrometheusReconcileMetrics(PrometheusRegistry registry) {
        reconciliations = Counter.builder().name(PREFIX + "reconciliations_started_total")
                .help("Reconciliations started, by kind.").labelNames("kind").register(registry);
        retries = Counter.builder().name(PREFIX + "reconciliations_retries_total")
                .help("Reconciliations that were retries of a failed one, by kind.").labelNames("kind").register(registry);
        failures = Counter.builder().name(PREFIX + "reconciliations_failed_total")
                .help("Reconciliations that threw, by kind and exception class.")
                .labelNames("kind", "exception").register(registry);
        successes = Counter.builder().name(PREFIX + "reconciliations_success_total")
                .help("Reconciliations that finished without error, by kind.").labelNames("kind").register(registry);
        events = Counter.builder().name(PREFIX + "events_received_total")
                .help("Events (resource changes, timers) received, by kind.").labelNames("kind").register(registry);
        durations = Histogram.builder().name(PREFIX + "reconciliation_duration_seconds")
                .help("Time spent in reconcile or cleanup, by kind, operation and result.")
                .labelNames("kind", "operation", "result")
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .register(registry);
        controllers = Gauge.builder().name(PREFIX + "controllers_registered")
                .help("Controllers registered in this process.").register(registry);
        inProgress = Gauge.builder().name(PREFIX + "reconciliations_in_progress")
                .help("Reconciliations executing right now, by kind.").labelNames("kind").register(registry);
    }

    @Override
    public void controllerRegistered(Controller<? extends HasMetadata> controller) {
        controllers.inc();
    }

    @Override
    public void receivedEvent(Event event, Map<String, Object> metadata) {
        events.labelValues(kind(metadata)).inc();
    }

    @Override
    public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        String kind = kind(resource, metadata);
        reconciliations.labelValues(kind).inc();
        if (retryInfo != null && retryInfo.getAttemptCount() > 0) {
            retries.labelValues(kind).inc();
        }
    }

    @Override
    public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
        inProgress.labelValues(kind(resource, metadata)).inc();
    }

    @Override
    public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
        inProgress.labelValues(kind(resource, metadata)).dec();
    }

    @Override
    public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
        Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
        failures.labelValues(kind(resource, metadata), cause.getClass().getSimpleName()).inc();
    }

    @Override
    public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
        successes.labelValues(kind(resource, metadata)).inc();
    }

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        String kind = kind(execution.metadata());
        long start = System.nanoTime();
        String result = "failure";
        try {
            T value = execution.execute();
            result = "success";
            return value;
        } finally {
            durations.labelValues(kind, execution.name(), result).observe((System.nanoTime() - start) / 1e9);
        }
    }

    private static String kind(HasMetadata resource, Map<String, Object> metadata) {
        return resource != null && resource.getKind() != null ? resource.getKind() : kind(metadata);
    }

    private static String kind(Map<String, Object> metadata) {
        Object gvk = metadata == null ? null : metadata.get(Constants.RESOURCE_GVK_KEY);
        return gvk instanceof GroupVersionKind g ? g.getKind() : "unknown";
    }
}
