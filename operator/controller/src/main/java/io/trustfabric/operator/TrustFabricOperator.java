package io.trustfabric.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.admission.AdmissionMetrics;
import io.trustfabric.operator.admission.AdmissionWebhook;
import io.trustfabric.operator.admission.ObjectLinter;
import io.trustfabric.operator.allowlist.AllowlistEvents;
import io.trustfabric.operator.allowlist.PartnerAllowlistReconciler;
import io.trustfabric.operator.budget.BudgetEvents;
import io.trustfabric.operator.budget.BudgetMetrics;
import io.trustfabric.operator.budget.BudgetResolver;
import io.trustfabric.operator.budget.BudgetStore;
import io.trustfabric.operator.budget.LeaseRoutes;
import io.trustfabric.operator.budget.LeaseService;
import io.trustfabric.operator.budget.PrivacyBudgetReconciler;
import io.trustfabric.operator.budget.ReclaimTimer;
import io.trustfabric.operator.control.ControlRoutes;
import io.trustfabric.operator.control.ControlServer;
import io.trustfabric.operator.control.LeaderStatus;
import io.trustfabric.operator.control.PartnerDocuments;
import io.trustfabric.operator.control.PartnersRoute;
import io.trustfabric.operator.control.SecretWorkerTokens;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.causal.CausalJournal;
import io.trustfabric.operator.causal.CausalRecorder;
import io.trustfabric.operator.causal.CauseRanker;
import io.trustfabric.operator.causal.MetricWindowSink;
import io.trustfabric.operator.http.OperatorHttpServer.HealthCheck;
import io.trustfabric.operator.http.OperatorHttpServer;
import io.trustfabric.operator.lint.LintMetrics;
import io.trustfabric.operator.macro.AcceptedMacros;
import io.trustfabric.operator.macro.BuiltInMacros;
import io.trustfabric.operator.macro.MacroChecker;
import io.trustfabric.operator.macro.MacroEvents;
import io.trustfabric.operator.macro.OpaPolicyApi;
import io.trustfabric.operator.macro.PolicyMacroReconciler;
import io.trustfabric.operator.monitoring.PrometheusReconcileMetrics;
import io.trustfabric.operator.policy.BundlePublisher;
import io.trustfabric.operator.policy.PolicyEvents;
import io.trustfabric.operator.policy.PolicyIndex;
import io.trustfabric.operator.policy.PolicyLint;
import io.trustfabric.operator.policy.TrustPolicyReconciler;
import io.trustfabric.operator.policy.bundle.BundleSigner;
import io.trustfabric.operator.policy.bundle.BundleSigningKey;
import io.trustfabric.operator.policy.bundle.BundleSigningKeySecret;
import io.trustfabric.operator.policy.bundle.BundleStore;
import io.trustfabric.operator.policy.bundle.PolicyRoutes;
import io.trustfabric.operator.policy.decisions.CrossTenantRule;
import io.trustfabric.operator.policy.decisions.DecisionLog;
import io.trustfabric.operator.policy.decisions.TenantRef;
import io.trustfabric.operator.policy.timeline.DecisionReplay;
import io.trustfabric.operator.policy.timeline.PolicyHistory;
import io.trustfabric.operator.policy.timeline.PolicyMetrics;
import io.trustfabric.operator.policy.timeline.PolicyRevisions;
import io.trustfabric.operator.reading.TolerantSerialization;
import io.trustfabric.operator.reading.UnreadableObjects;
import io.trustfabric.operator.causal.MetricWindowSink;
import io.trustfabric.operator.sla.ClusterWorkerEndpoints;
import io.trustfabric.operator.sla.IncidentStore;
import io.trustfabric.operator.sla.MetricsScraper;
import io.trustfabric.operator.sla.ReceiptSamples;
import io.trustfabric.operator.sla.ReplayDurations;
import io.trustfabric.operator.sla.SlaConformance;
import io.trustfabric.operator.sla.SlaMetrics;
import io.trustfabric.operator.sla.SlaSampler;
import io.trustfabric.operator.sla.TenantCache;
import io.trustfabric.operator.status.StatusAggregator;
import io.trustfabric.operator.tenant.WorkerEndpoints;
import io.trustfabric.operator.tenant.TenantEvents;
import io.trustfabric.operator.tenant.TenantReconciler;
import io.trustfabric.operator.tenant.WorkerPlan;
import io.trustfabric.operator.whatif.BudgetChangeRunner;
import io.trustfabric.operator.whatif.PolicyTweakRunner;
import io.trustfabric.operator.whatif.ScenarioEvents;
import io.trustfabric.operator.whatif.ScenarioReports;
import io.trustfabric.operator.whatif.ScenarioRunner;
import io.trustfabric.operator.whatif.ScenarioRuns;
import io.trustfabric.operator.whatif.SeedChangeRunner;
import io.trustfabric.operator.whatif.WhatIfScenarioReconciler;
import io.trustfabric.operator.whatif.WorkerPinRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the operator: reconcilers, metrics, health endpoints and leader election, from {@link OperatorSettings}. */
public final class TrustFabricOperator {

    private static final Logger LOG = LoggerFactory.getLogger(TrustFabricOperator.class);
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);
    /** How long one what-if policy replay may take (the decision log holds at most 10,000 decisions per tenant). */
    private static final Duration WHATIF_REPLAY_DEADLINE = Duration.ofMinutes(10);

    private TrustFabricOperator() {
    }

    /** Starts the operator on the given client (which stays the caller's to close) and returns once it runs. */
    public static Running start(KubernetesClient client, OperatorSettings settings) {
        return start(client, settings, ObjectLinter.cluster(client, Clock.systemUTC(), settings.lintDryrunMaxAge()));
    }

    /**
     * As {@link #start(KubernetesClient, OperatorSettings)}, with the admission webhook asking this linter instead of
     * the {@link io.trustfabric.operator.lint.PolicyLinter} (tests).
     */
    public static Running start(KubernetesClient client, OperatorSettings settings, ObjectLinter linter) {
        return start(client, settings, linter, new ClusterWorkerEndpoints(client));
    }

    /**
     * As {@link #start(KubernetesClient, OperatorSettings)}, with the SLA sampler reaching the workers through these
     * endpoints instead of the pods' IPs (local mode, where workers are local processes).
     */
    public static Running start(KubernetesClient client, OperatorSettings settings, WorkerEndpoints endpoints) {
        return start(client, settings, ObjectLinter.cluster(client, Clock.systemUTC(), settings.lintDryrunMaxAge()),
                endpoints);
    }

    private static Running start(KubernetesClient client, OperatorSettings settings, ObjectLinter linter,
                                 WorkerEndpoints endpoints) {
        PrometheusRegistry registry = new PrometheusRegistry();
        // Served by every replica, leader or not, and before the built-in PolicyMacros are installed below.
        AdmissionWebhook webhook = settings.webhook().enabled()
                ? AdmissionWebhook.start(client, settings.webhook(), settings.httpBindAddress(),
                settings.operatorNamespace(), settings.watchNamespaces(), linter, new AdmissionMetrics(registry),
                Clock.systemUTC())
                : null;
        try {
            return start(client, settings, registry, webhook, endpoints);
        } catch (RuntimeException e) {
            if (webhook != null) {
                webhook.close();
            }
            throw e;
        }
    }

    private static Running start(KubernetesClient given, OperatorSettings settings, PrometheusRegistry registry,
                                 AdmissionWebhook webhook, WorkerEndpoints endpoints) {
        KubernetesClient client = TolerantSerialization.clientLike(given);
        try {
            return start(client, settings, registry, webhook, endpoints, client == given ? null : client);
        } catch (RuntimeException e) {
            if (client != given) {
                client.close();
            }
            throw e;
        }
    }

    /** @param ownClient the client made here to read objects tolerantly, closed last on stop; null: none */
    private static Running start(KubernetesClient client, OperatorSettings settings, PrometheusRegistry registry,
                                 AdmissionWebhook webhook, WorkerEndpoints endpoints, KubernetesClient ownClient) {
        JvmMetrics.builder().register(registry);
        PrometheusReconcileMetrics metrics = new PrometheusReconcileMetrics(registry);
        LeaderStatus leader = settings.leaderElection() ? LeaderStatus.elected() : LeaderStatus.alwaysLeader();
        Operator operator = new Operator(overrider -> configure(overrider, client, settings, metrics, leader));
        Clock clock = Clock.systemUTC();
        EventPublisher publisher = new EventPublisher(client, clock, settings.identity());
        StatusAggregator aggregator = new StatusAggregator(clock);
        BundleStore bundles = new BundleStore(new BundleSigner(bundleSigningKey(client, settings)));
        PolicyIndex policyIndex = PolicyIndex.start(client, settings.watchNamespaces());
        bundles.governedBy(policyIndex::governed);
        DecisionLog decisions = new DecisionLog(DecisionLog.Limits.DEFAULT, clock,
                CrossTenantRule.samePool(tenant -> poolOf(client, tenant)));
        LintMetrics lintMetrics = new LintMetrics(registry);
        CausalRecorder causes = new CausalRecorder(client, new CausalJournal(), new CauseRanker(), publisher, clock);
        decisions.stampWith(tenant -> causes.inForce(tenant).orElse(null));
        UnreadableObjects unreadable = new UnreadableObjects(aggregator, publisher);
        TenantCache tenantCache = TenantCache.start(client, settings.watchNamespaces());
        SimpleInboundEventSource<Tenant> slaChanges = new SimpleInboundEventSource<>(SlaConformance.EVENT_SOURCE);
        SlaSampler sampler = new SlaSampler(tenantCache::list, endpoints,
                new MetricsScraper(SCRAPE_TIMEOUT.compareTo(settings.scrapeInterval()) < 0 ? SCRAPE_TIMEOUT
                        : settings.scrapeInterval()), causes, new SlaMetrics(registry), clock,
                tenant -> SlaConformance.trigger(slaChanges, tenant));
        SlaConformance conformance = new SlaConformance(sampler::report, slaChanges, new IncidentStore(client),
                publisher, clock);
        ScenarioRuns scenarioRuns = new ScenarioRuns(settings.whatIfConcurrency(), clock, sampler);
        PolicyRevisions revisions = registerPolicy(operator, client, settings, bundles, clock, publisher, policyIndex,
                lintMetrics, decisions, registry, new UnreadableObjects(aggregator, publisher), scenarioRuns,
                List.of(new WorkerPinRunner(client, endpoints, settings.workerImage()),
                        new SeedChangeRunner(client, endpoints, settings.workerImage())));
        operator.register(new TenantReconciler(settings, aggregator, new TenantEvents(publisher), clock,
                bundles.publicKeyPem(), causes, unreadable, conformance), controller -> {
            if (!settings.watchNamespaces().isEmpty()) {
                controller.settingNamespaces(settings.watchNamespaces());
            }
        });
        operator.register(new PartnerAllowlistReconciler(aggregator, new AllowlistEvents(publisher), clock, unreadable),
                controller -> {
                    if (!settings.watchNamespaces().isEmpty()) {
                        controller.settingNamespaces(settings.watchNamespaces());
                    }
                });
        ReclaimTimer reclaims = new ReclaimTimer(clock);
        BudgetStore budgets = new BudgetStore(client, new StatusAggregator(clock), clock,
                new BudgetEvents(new EventPublisher(client, clock, settings.identity())), new BudgetMetrics(registry),
                reclaims);
        operator.register(new PrivacyBudgetReconciler(budgets, clock, reclaims, unreadable), controller -> {
            if (!settings.watchNamespaces().isEmpty()) {
                controller.settingNamespaces(settings.watchNamespaces());
            }
        });
        LeaseService leases = new LeaseService(new BudgetResolver(client), budgets,
                new ReceiptSamples(tenantCache, sampler, publisher));
        OperatorHttpServer http = startHttp(settings, registry, operator.getRuntimeInfo());
        ScenarioReports reports = ScenarioReports.start(client, settings.watchNamespaces());
        http.route(ScenarioReports.PATH_PREFIX, reports);
        SecretWorkerTokens tokens = SecretWorkerTokens.start(client, settings.watchNamespaces());
        PartnerDocuments partners = PartnerDocuments.start(client, settings.watchNamespaces());
        ControlServer control;
        try {
            control = startControl(settings, PolicyRoutes.register(controlRoutes(partners, leases), bundles, decisions),
                    tokens, leader);
        } catch (RuntimeException e) {
            policyIndex.close();
            partners.close();
            tokens.close();
            http.close();
            revisions.close();
            tenantCache.close();
            reports.close();
            scenarioRuns.close();
            throw e;
        }
        try {
            operator.start();
            sampler.start(settings.scrapeInterval());
        } catch (RuntimeException e) {
            sampler.close();
            tenantCache.close();
            control.close();
            policyIndex.close();
            partners.close();
            tokens.close();
            http.close();
            revisions.close();
            reports.close();
            scenarioRuns.close();
            throw e;
        }
        LOG.info("Trust Fabric operator started (namespaces: {}, leader election: {}, server-side apply: {}, "
                        + "health and metrics on port {}, control API on port {}, admission webhook {})",
                settings.watchNamespaces().isEmpty() ? "all" : settings.watchNamespaces(), settings.leaderElection(),
                settings.serverSideApply(), http.port(), control.port(),
                webhook == null ? "off" : "on port " + webhook.port());
        // The informers have listed every TrustPolicy: a tenant none governs gets the default bundle from now on.
        bundles.markTenantsSynced();
        List<AutoCloseable> caches = new java.util.ArrayList<>(List.of(sampler, tenantCache, partners, tokens,
                policyIndex, revisions, reports, scenarioRuns));
        if (ownClient != null) {
            caches.add(ownClient);
        }
        return new Running(operator, http, control, leader, caches, bundles, decisions, webhook, causes, sampler);
    }

    /**
     * PolicyMacros (the built-in catalog installed first) and TrustPolicies. PolicyMacro is cluster-scoped, so its
     * controller watches the whole cluster whatever namespaces the others watch.
     */
    private static PolicyRevisions registerPolicy(Operator operator, KubernetesClient client,
                                                  OperatorSettings settings, BundleStore bundles, Clock clock,
                                                  EventPublisher publisher, PolicyIndex policyIndex,
                                                  LintMetrics lintMetrics, DecisionLog decisions,
                                                  PrometheusRegistry registry, UnreadableObjects unreadable,
                                                  ScenarioRuns scenarioRuns, List<ScenarioRunner> shadowRunners) {
        BuiltInMacros builtIns = BuiltInMacros.shipped();
        try {
            int created = builtIns.install(client);
            LOG.info("Built-in policy macros: {} shipped, {} created", builtIns.objects().size(), created);
        } catch (RuntimeException e) {
            LOG.warn("Could not install the built-in PolicyMacros ({}); TrustPolicies that use them stay"
                    + " uncompiled until they exist", e.toString());
        }
        BundlePublisher publish = new BundlePublisher(bundles);
        AcceptedMacros accepted = new AcceptedMacros(builtIns.decisionModule(), publish);
        accepted.publish();
        OpaPolicyApi opa = settings.opaUrl() == null ? null
                : new OpaPolicyApi(URI.create(settings.opaUrl()), Duration.ofSeconds(10));
        MacroChecker checker = opa == null ? null : new MacroChecker(opa);
        operator.register(new PolicyMacroReconciler(builtIns, accepted, checker, new StatusAggregator(clock),
                new MacroEvents(publisher), policyIndex::usedBy, unreadable));
        PolicyEvents policyEvents = new PolicyEvents(publisher);
        DecisionReplay replay = opa == null ? null : new DecisionReplay(opa, accepted::modules,
                PolicyRevisions.REPLAY_DEADLINE, Duration.ofSeconds(10));
        if (replay != null) {
            replay.removeLeftovers();
        }
        PolicyRevisions revisions = new PolicyRevisions(decisions, replay,
                "the operator has no OPA of its own: TF_OPA_URL is not set", new PolicyHistory(),
                new PolicyMetrics(registry), policyEvents, clock);
        operator.register(new TrustPolicyReconciler(accepted, publish, new StatusAggregator(clock),
                policyEvents, clock, new PolicyLint(clock, lintMetrics, settings.lintDryrunMaxAge()),
                revisions, unreadable), controller -> {
                    if (!settings.watchNamespaces().isEmpty()) {
                        controller.settingNamespaces(settings.watchNamespaces());
                    }
                });
        String noOpa = "the operator has no OPA of its own: TF_OPA_URL is not set";
        DecisionReplay whatIfReplay = opa == null ? null : new DecisionReplay(opa, accepted::modules,
                WHATIF_REPLAY_DEADLINE, Duration.ofSeconds(30));
        List<ScenarioRunner> runners = new java.util.ArrayList<>(List.of(
                new PolicyTweakRunner(decisions, whatIfReplay, noOpa, accepted, publish, client),
                new BudgetChangeRunner(decisions, client)));
        runners.addAll(shadowRunners);
        operator.register(new WhatIfScenarioReconciler(runners, scenarioRuns, new StatusAggregator(clock),
                new ScenarioEvents(publisher), clock, unreadable), controller -> {
                    if (!settings.watchNamespaces().isEmpty()) {
                        controller.settingNamespaces(settings.watchNamespaces());
                    }
                });
        return revisions;
    }

    /**
     * The key bundles are signed with, kept in the operator's namespace. Where that namespace does not exist (a bare
     * local API server) the key lives only as long as the process: workers' OPA configs carry the public key, so a
     * new key rolls them.
     */
    private static BundleSigningKey bundleSigningKey(KubernetesClient client, OperatorSettings settings) {
        String namespace = settings.operatorNamespace();
        try {
            return BundleSigningKeySecret.loadOrCreate(client, namespace);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            LOG.warn("Namespace {} does not exist, so the bundle signing key is not kept in Secret {}; using a key"
                    + " for this process only", namespace, BundleSigningKeySecret.NAME);
            return BundleSigningKey.generate();
        }
    }

    private static Optional<String> poolOf(KubernetesClient client, TenantRef ref) {
        Tenant tenant = client.resources(Tenant.class).inNamespace(ref.namespace()).withName(ref.name()).get();
        return tenant == null ? Optional.empty() : Optional.ofNullable(WorkerPlan.pool(tenant));
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
        private final BundleStore bundles;
        private final DecisionLog decisions;
        private final AdmissionWebhook webhook;
        private final CausalRecorder causes;
        private final SlaSampler sla;

        private Running(Operator operator, OperatorHttpServer http, ControlServer control, LeaderStatus leader,
                        List<AutoCloseable> caches, BundleStore bundles, DecisionLog decisions,
                        AdmissionWebhook webhook, CausalRecorder causes, SlaSampler sla) {
            this.causes = causes;
            this.sla = sla;
            this.operator = operator;
            this.http = http;
            this.control = control;
            this.leader = leader;
            this.caches = caches;
            this.bundles = bundles;
            this.decisions = decisions;
            this.webhook = webhook;
        }

        /** Port of the admission webhook's HTTPS endpoint; 0 when the webhook is off. */
        public int webhookPort() {
            return webhook == null ? 0 : webhook.port();
        }

        /** The CA bundle (PEM) the API server must trust to call the webhook; null when it is off. */
        public String webhookCaBundle() {
            return webhook == null ? null : webhook.caBundlePem();
        }

        /** The policy bundles the control API serves. */
        public BundleStore bundles() {
            return bundles;
        }

        /** Where the SLA sampler hands each tenant's metric windows: the causal drill-down's shift detector. */
        public MetricWindowSink metricWindows() {
            return causes;
        }

        /** Where the what-if reconciler reports replay durations (the SLA's replay latency). */
        public ReplayDurations replayDurations() {
            return sla;
        }

        /** The SLA sampler (tests sample on demand). */
        public SlaSampler sla() {
            return sla;
        }

        /** Recent OPA decisions the workers reported. */
        public DecisionLog decisions() {
            return decisions;
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
                if (webhook != null) {
                    webhook.close();
                }
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
