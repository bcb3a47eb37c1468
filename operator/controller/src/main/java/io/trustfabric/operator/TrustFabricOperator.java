package io.trustfabric.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trustfabric.operator.budget.BudgetEvents;
import io.trustfabric.operator.budget.BudgetMetrics;
import io.trustfabric.operator.budget.BudgetResolver;
import io.trustfabric.operator.budget.BudgetStore;
import io.trustfabric.operator.budget.LeaseRoutes;
import io.trustfabric.operator.budget.LeaseService;
import io.trustfabric.operator.budget.PrivacyBudgetReconciler;
import io.trustfabric.operator.allowlist.AllowlistEvents;
import io.trustfabric.operator.allowlist.PartnerAllowlistReconciler;
import io.trustfabric.operator.control.ControlRoutes;
import io.trustfabric.operator.control.ControlServer;
import io.trustfabric.operator.control.LeaderStatus;
import io.trustfabric.operator.control.PartnerDocuments;
import io.trustfabric.operator.control.PartnersRoute;
import io.trustfabric.operator.control.SecretWorkerTokens;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.http.OperatorHttpServer;
import io.trustfabric.operator.http.OperatorHttpServer.HealthCheck;
import io.trustfabric.operator.monitoring.PrometheusReconcileMetrics;
import io.trustfabric.operator.status.StatusAggregator;
import io.trustfabric.operator.tenant.TenantEvents;
import io.trustfabric.operator.tenant.TenantReconciler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the operator: reconcilers, metrics, health endpoints and leader election, from {@link OperatorSettings}. */
public final class TrustFabricOperator {

    private static final Logger LOG = LoggerFactory.getLogger(TrustFabricOperator.class);

    private TrustFabricOperator() {
    }

    /** Starts the operator on the given client (which stays the caller's to close) and returns once it runs. */
    public static Running start(KubernetesClient client, OperatorSettings settings) {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        PrometheusReconcileMetrics metrics = new PrometheusReconcileMetrics(registry);
        LeaderStatus leader = settings.leaderElection() ? LeaderStatus.elected() : LeaderStatus.alwaysLeader();
        Operator operator = new Operator(overrider -> configure(overrider, client, settings, metrics, leader));
        Clock clock = Clock.systemUTC();
        EventPublisher publisher = new EventPublisher(client, clock, settings.identity());
        StatusAggregator aggregator = new StatusAggregator(clock);
        operator.register(new TenantReconciler(settings, aggregator, new TenantEvents(publisher), clock), controller -> {
            if (!settings.watchNamespaces().isEmpty()) {
                controller.settingNamespaces(settings.watchNamespaces());
            }
        });
        operator.register(new PartnerAllowlistReconciler(aggregator, new AllowlistEvents(publisher), clock),
                controller -> {
                    if (!settings.watchNamespaces().isEmpty()) {
                        controller.settingNamespaces(settings.watchNamespaces());
                    }
                });
        BudgetStore budgets = new BudgetStore(client, new StatusAggregator(clock), clock,
                new BudgetEvents(new EventPublisher(client, clock, settings.identity())), new BudgetMetrics(registry));
        operator.register(new PrivacyBudgetReconciler(budgets, clock), controller -> {
            if (!settings.watchNamespaces().isEmpty()) {
                controller.settingNamespaces(settings.watchNamespaces());
            }
        });
        LeaseService leases = new LeaseService(new BudgetResolver(client), budgets);
        OperatorHttpServer http = startHttp(settings, registry, operator.getRuntimeInfo());
        SecretWorkerTokens tokens = SecretWorkerTokens.start(client, settings.watchNamespaces());
        PartnerDocuments partners = PartnerDocuments.start(client, settings.watchNamespaces());
        ControlServer control;
        try {
            control = startControl(settings, controlRoutes(partners, leases), tokens, leader);
        } catch (RuntimeException e) {
            partners.close();
            tokens.close();
            http.close();
            throw e;
        }
        try {
            operator.start();
        } catch (RuntimeException e) {
            control.close();
            partners.close();
            tokens.close();
            http.close();
            throw e;
        }
        LOG.info("Trust Fabric operator started (namespaces: {}, leader election: {}, server-side apply: {}, "
                        + "health and metrics on port {}, control API on port {})",
                settings.watchNamespaces().isEmpty() ? "all" : settings.watchNamespaces(), settings.leaderElection(),
                settings.serverSideApply(), http.port(), control.port());
        return new Running(operator, http, control, leader, List.of(partners, tokens));
    }

    /** Every route of the worker control API; features add theirs here. */
    private static ControlRoutes controlRoutes(PartnerDocuments partners, LeaseService leases) {
        ControlRoutes routes = new ControlRoutes().add(new PartnersRoute(partners::find));
        LeaseRoutes.register(routes, leases);
        return routes;
    }

    private static ControlServer startControl(OperatorSettings settings, ControlRoutes routes,
                                              SecretWorkerTokens tokens, LeaderStatus leader) {
        try {
            return ControlServer.start(settings.httpBindAddress(), settings.controlPort(), routes, tokens, leader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + settings.httpBindAddress() + ":"
                    + settings.controlPort() + " for the worker control API", e);
        }
    }

    private static void configure(ConfigurationServiceOverrider overrider, KubernetesClient client,
                                  OperatorSettings settings, PrometheusReconcileMetrics metrics, LeaderStatus leader) {
        overrider.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withMetrics(metrics)
                .withSSABasedCreateUpdateMatchForDependentResources(settings.serverSideApply())
                .withUseSSAToPatchPrimaryResource(settings.serverSideApply());
        if (settings.leaderElection()) {
            var leaderElection = LeaderElectionConfigurationBuilder
                    .aLeaderElectionConfiguration(OperatorSettings.LEASE_NAME)
                    .withIdentity(settings.identity())
                    .withExitOnStopLeading(settings.exitOnLostLeadership())
                    .withLeaderCallbacks(leader.callbacks());
            if (settings.leaderElectionNamespace() != null) {
                leaderElection.withLeaseNamespace(settings.leaderElectionNamespace());
            }
            overrider.withLeaderElectionConfiguration(leaderElection.build());
        }
    }

    private static OperatorHttpServer startHttp(OperatorSettings settings, PrometheusRegistry registry,
                                                RuntimeInfo runtime) {
        try {
            return OperatorHttpServer.start(settings.httpBindAddress(), settings.httpPort(), registry,
                    () -> readiness(runtime));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + settings.httpBindAddress() + ":"
                    + settings.httpPort() + " for /healthz, /readyz and /metrics", e);
        }
    }

    private static HealthCheck readiness(RuntimeInfo runtime) {
        if (!runtime.isStarted()) {
            return HealthCheck.unhealthy("operator is starting");
        }
        if (!runtime.allEventSourcesAreHealthy()) {
            return HealthCheck.unhealthy("unhealthy informers: " + runtime.unhealthyEventSources().keySet());
        }
        return HealthCheck.healthy("ready");
    }

    /** A running operator. */
    public static final class Running implements AutoCloseable {
        private final Operator operator;
        private final OperatorHttpServer http;
        private final ControlServer control;
        private final LeaderStatus leader;
        private final List<AutoCloseable> caches;

        private Running(Operator operator, OperatorHttpServer http, ControlServer control, LeaderStatus leader,
                        List<AutoCloseable> caches) {
            this.operator = operator;
            this.http = http;
            this.control = control;
            this.leader = leader;
            this.caches = caches;
        }

        /** Whether this replica leads; leader-only control routes consult it. */
        public LeaderStatus leader() {
            return leader;
        }

        /** Port of the worker control API. */
        public int controlPort() {
            return control.port();
        }

        /** Port of /healthz, /readyz and /metrics. */
        public int httpPort() {
            return http.port();
        }

        public Operator operator() {
            return operator;
        }

        public void stop() {
            try {
                operator.stop();
            } finally {
                control.close();
                caches.forEach(Running::closeQuietly);
                http.close();
            }
        }

        private static void closeQuietly(AutoCloseable cache) {
            try {
                cache.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", cache.getClass().getSimpleName(), e.toString());
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}
