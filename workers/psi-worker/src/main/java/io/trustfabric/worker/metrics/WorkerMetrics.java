package io.trustfabric.worker.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trustfabric.worker.setup.EpochSetup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The worker's Prometheus metrics, for every tenant it serves; names are documented in
 * docs/worker-api.md. {@link #forTenant(String)} gives the view one tenant's handlers record into.
 */
public final class WorkerMetrics {
    /** The partner label of requests refused before the partner was authenticated. */
    public static final String UNAUTHENTICATED = "unauthenticated";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Histogram requestDuration;
    private final Counter elementsProcessed;
    private final Counter refusals;
    private final Counter connectionsClosed;
    private final Histogram policyDuration;
    private final Counter policyDecisions;
    private final Gauge setupDuration;
    private final Gauge setupBytes;
    private final Gauge setupItems;
    private final Gauge keyEpoch;

    /**
     * @param tenants    the tenants served (tenant ids)
     * @param queueDepth queries of a tenant waiting for a compute thread
     */
    public WorkerMetrics(Supplier<Collection<String>> tenants, ToIntFunction<String> queueDepth) {
        requestDuration = Histogram.builder()
                .name("trustfabric_psi_request_duration_seconds")
                .help("PSI request duration from arrival to response, by tenant, partner, mode and outcome")
                .labelNames("tenant", "partner", "mode", "outcome")
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        elementsProcessed = Counter.builder()
                .name("trustfabric_psi_elements_processed_total")
                .help("Blinded partner elements multiplied by the server key")
                .labelNames("tenant", "mode")
                .register(registry);
        refusals = Counter.builder()
                .name("trustfabric_psi_refusals_total")
                .help("Requests refused, by tenant, partner and reason (the problem type's short name)")
                .labelNames("tenant", "partner", "reason")
                .register(registry);
        connectionsClosed = Counter.builder()
                .name("trustfabric_psi_connections_closed_total")
                .help("Connections the worker closed to protect itself, by reason: header-timeout, body-timeout, "
                        + "too-many-connections")
                .labelNames("reason")
                .register(registry);
        policyDuration = Histogram.builder()
                .name("trustfabric_psi_policy_decision_duration_seconds")
                .help("Time to settle a query's policy decision (asking OPA), by tenant and outcome")
                .labelNames("tenant", "outcome")
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
                .register(registry);
        policyDecisions = Counter.builder()
                .name("trustfabric_psi_policy_decisions_total")
                .help("Policy decisions by tenant and outcome: allowed, denied, unavailable, unchecked")
                .labelNames("tenant", "outcome")
                .register(registry);
        GaugeWithCallback.builder()
                .name("trustfabric_psi_compute_queue_depth")
                .help("Requests waiting for a compute thread")
                .labelNames("tenant")
                .callback(cb -> tenants.get().forEach(t -> cb.call(queueDepth.applyAsInt(t), t)))
                .register(registry);
        setupDuration = gauge("trustfabric_psi_setup_build_duration_seconds",
                "Time to build the current key epoch's setup");
        setupBytes = gauge("trustfabric_psi_setup_size_bytes", "Size of the setup message served by GET /v1/setup");
        setupItems = gauge("trustfabric_psi_setup_items", "Server items in the current setup");
        keyEpoch = gauge("trustfabric_psi_key_epoch", "Key epoch being served");
        JvmMetrics.builder().register(registry);
    }

    private Gauge gauge(String name, String help) {
        return Gauge.builder().name(name).help(help).labelNames("tenant").register(registry);
    }

    /** A connection the worker closed: {@code header-timeout}, {@code body-timeout}, {@code too-many-connections}. */
    public void recordConnectionClosed(String reason) {
        connectionsClosed.labelValues(reason).inc();
    }

    public TenantMetrics forTenant(String tenant) {
        return new TenantMetrics(tenant);
    }

    /** One tenant's metrics. */
    public final class TenantMetrics {
        private final String tenant;

        private TenantMetrics(String tenant) {
            this.tenant = tenant;
        }

        /** Records a finished PSI request; {@code outcome} is {@code ok} or the problem type's short name. */
        public void recordRequest(String partner, String mode, String outcome, long durationNanos) {
            requestDuration.labelValues(tenant, partner, mode, outcome).observe(durationNanos / 1e9);
        }

        public void recordRefusal(String partner, String reason) {
            refusals.labelValues(tenant, partner, reason).inc();
        }

        /** {@code outcome}: allowed, denied, unavailable or unchecked. */
        public void recordPolicyDecision(String outcome, long durationNanos) {
            policyDuration.labelValues(tenant, outcome).observe(durationNanos / 1e9);
            policyDecisions.labelValues(tenant, outcome).inc();
        }

        public void recordElements(String mode, int count) {
            elementsProcessed.labelValues(tenant, mode).inc(count);
        }

        public void recordSetup(EpochSetup setup) {
            setupDuration.labelValues(tenant).set(setup.buildDuration().toNanos() / 1e9);
            setupBytes.labelValues(tenant).set(setup.setupMessage().length);
            setupItems.labelValues(tenant).set(setup.itemCount());
            keyEpoch.labelValues(tenant).set(setup.epoch());
        }
    }

    public String contentType() {
        return writer.getContentType();
    }

    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
