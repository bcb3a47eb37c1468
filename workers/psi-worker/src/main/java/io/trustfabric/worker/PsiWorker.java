package io.trustfabric.worker;

import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.protocol.ServerEvaluator;
import io.trustfabric.worker.access.PartnerAuthorizer;
import io.trustfabric.worker.audit.AuditLog;
import io.trustfabric.worker.auth.PartnerAuthenticator;
import io.trustfabric.worker.budget.BudgetAccountant;
import io.trustfabric.worker.budget.WorkerBudgets;
import io.trustfabric.worker.compute.ComputePool;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.config.WorkerConfigReader;
import io.trustfabric.worker.config.WorkerPoolConfig;
import io.trustfabric.worker.control.AllowlistPoller;
import io.trustfabric.worker.control.PartnerDirectory;
import io.trustfabric.worker.http.ConnectionGuard;
import io.trustfabric.worker.http.PsiApi;
import io.trustfabric.worker.http.TenantRuntime;
import io.trustfabric.worker.metrics.WorkerMetrics;
import io.trustfabric.worker.policy.OpaClient;
import io.trustfabric.worker.policy.PartnerVolume;
import io.trustfabric.worker.policy.PolicyGate;
import io.trustfabric.worker.policy.PolicyReadiness;
import io.trustfabric.worker.ratelimit.NanoClock;
import io.trustfabric.worker.ratelimit.PartnerRateLimiter;
import io.trustfabric.worker.setup.EpochSetupBuilder;
import io.trustfabric.worker.setup.KeyEpochs;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running PSI worker: HTTP API on the event loop, one fair-shared compute pool, and per tenant the key
 * epoch being served and the partner allowlist being enforced. The HTTP server listens at once (healthy,
 * not ready); each tenant's first epoch is built in the background, and the worker is ready when all are.
 */
public final class PsiWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PsiWorker.class);

    private final Vertx vertx;
    private final ComputePool pool;
    private final Map<String, KeyEpochs> epochs;
    private final List<AllowlistPoller> pollers;
    private final HttpServer server;
    private final List<BudgetAccountant> budgets;
    private long budgetTimer = -1;

    private PsiWorker(Vertx vertx, ComputePool pool, Map<String, KeyEpochs> epochs, List<AllowlistPoller> pollers,
                      HttpServer server, List<BudgetAccountant> budgets) {
        this.vertx = vertx;
        this.budgets = budgets;
        this.pool = pool;
        this.epochs = epochs;
        this.pollers = pollers;
        this.server = server;
    }

    /** Starts a dedicated single-tenant worker with the system clocks. */
    public static PsiWorker start(WorkerConfig config, PrimeOrderGroup group, Path configFile,
                                  WorkerConfigReader reader) {
        return start(WorkerPoolConfig.single(config), group, configFile, reader, Clock.systemUTC(), NanoClock.SYSTEM);
    }

    /**
     * Starts a worker and returns once it listens.
     *
     * @param configFile the file to re-read every {@code key.reloadSeconds} for a new key epoch, or null
     * @param reader     how {@code configFile} is re-read (with the same environment overrides)
     * @param clock      the wall clock partner expiry is judged by
     * @param nanoClock  the monotonic clock of the rate limiters
     */
    public static PsiWorker start(WorkerPoolConfig poolConfig, PrimeOrderGroup group, Path configFile,
                                  WorkerConfigReader reader, Clock clock, NanoClock nanoClock) {
        WorkerConfig shared = poolConfig.first();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops()));
        ComputePool pool = new ComputePool(shared.limits().computeThreads());
        List<String> tenantIds = poolConfig.tenants().stream().map(c -> c.tenant().id()).toList();
        WorkerMetrics metrics = new WorkerMetrics(() -> tenantIds, pool::queueDepth);
        Map<String, KeyEpochs> epochs = new java.util.LinkedHashMap<>();
        List<AllowlistPoller> pollers = new ArrayList<>();
        List<TenantRuntime> runtimes = new ArrayList<>();
        List<BudgetAccountant> budgets = new ArrayList<>();
        OpaClient opa = shared.policy().opaUrl() == null ? null
                : new OpaClient(vertx, shared.policy().opaUrl(), shared.policy().timeoutMillis());
        for (WorkerConfig config : poolConfig.tenants()) {
            pool.addLane(config.tenant().id(), config.tenant().fairShareWeight(), config.limits().queueCapacity());
            WorkerMetrics.TenantMetrics tenantMetrics = metrics.forTenant(config.tenant().id());
            EpochSetupBuilder builder = new EpochSetupBuilder(group, config, Runtime.getRuntime().availableProcessors());
            KeyEpochs tenantEpochs = new KeyEpochs(builder, tenantMetrics::recordSetup);
            epochs.put(config.tenant().id(), tenantEpochs);
            PartnerDirectory directory = new PartnerDirectory();
            pollers.add(AllowlistPoller.start(config, directory));
            BudgetAccountant budget = budget(config, clock, vertx, pool, epochs, pollers, budgets);
            logPolicyMode(config, opa);
            PolicyGate policy = new PolicyGate(config, opa, new PartnerVolume(clock), clock, nanoClock, tenantMetrics);
            runtimes.add(new TenantRuntime(config, tenantEpochs, new PartnerAuthenticator(directory),
                    new PartnerAuthorizer(config.tenant(), clock), new PartnerRateLimiter(nanoClock), tenantMetrics,
                    budget, policy));
        }
        PsiApi api = new PsiApi(vertx, runtimes, poolConfig.pooled(), pool, new ServerEvaluator(group), metrics,
                new AuditLog(clock), opa == null ? null : new PolicyReadiness(opa, nanoClock));
        try {
            ConnectionGuard guard = new ConnectionGuard(vertx, shared.http(), metrics::recordConnectionClosed);
            io.vertx.ext.web.Router router = api.router();
            HttpServer server = vertx.createHttpServer(serverOptions(shared.http()))
                    .connectionHandler(guard::connected)
                    .requestHandler(request -> {
                        guard.request(request);
                        router.handle(request);
                    })
                    .listen(shared.http().port(), shared.http().host())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            PsiWorker worker = new PsiWorker(vertx, pool, epochs, pollers, server, budgets);
            worker.maintainBudgets();
            LOG.info("PSI worker for {} listening on {}:{}{}", tenantIds, shared.http().host(), server.actualPort(),
                    shared.http().tls() == null ? "" : " (HTTPS)");
            poolConfig.tenants().forEach(c -> epochs.get(c.tenant().id()).rotateTo(c.key().epoch()));
            if (configFile != null && shared.key().reloadSeconds() > 0) {
                worker.watchKeyEpochs(configFile, reader, shared.key().reloadSeconds());
            }
            return worker;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            budgets.forEach(BudgetAccountant::close);
            closeQuietly(vertx, pool, epochs, pollers);
            throw new IllegalStateException("interrupted while starting the worker", e);
        } catch (ExecutionException | TimeoutException e) {
            budgets.forEach(BudgetAccountant::close);
            closeQuietly(vertx, pool, epochs, pollers);
            throw new IllegalStateException("cannot listen on " + shared.http().host() + ":" + shared.http().port()
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    /**
     * Half as many event loops as cores (at least one), not Vert.x's default of twice as many: the event loop
     * only parses, checks and hands off (well under a tenth of a request's CPU; the scalar multiplications
     * run on the {@link ComputePool}, one thread per core), so extra loops only add threads that compete with
     * the compute threads for the same cores and spread connections so thinly that each wake-up handles
     * one request.
     */
    static int eventLoops() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    private static void logPolicyMode(WorkerConfig config, OpaClient opa) {
        if (opa != null) {
            LOG.info("tenant {}: every query is decided by OPA at {} (timeout {} ms)", config.tenant().id(), opa.url(),
                    opa.timeoutMillis());
        } else if (config.tenant().trustPolicy()) {
            LOG.warn("tenant {}: a TrustPolicy governs the tenant but policy.opaUrl is not set: every query is refused "
                    + "(503 policy-unavailable)", config.tenant().id());
        } else {
            LOG.warn("tenant {}: no policy engine (policy.opaUrl not set): queries are answered unchecked, with a "
                    + "Warning header; for local mode without OPA only", config.tenant().id());
        }
    }

    /** The tenant's budget accountant, or null (with a warning) when budgets are not enforced. */
    private static BudgetAccountant budget(WorkerConfig config, Clock clock, Vertx vertx, ComputePool pool,
                                           Map<String, KeyEpochs> epochs, List<AllowlistPoller> pollers,
                                           List<BudgetAccountant> budgets) {
        try {
            BudgetAccountant budget = WorkerBudgets.fromConfig(config, clock);
            if (budget == null) {
                LOG.warn("tenant {}: budgets not enforced (no control.url or budget.enforce false): queries are NOT "
                        + "charged to any privacy budget; for tests and local mode only", config.tenant().id());
            } else {
                budgets.add(budget);
            }
            return budget;
        } catch (java.io.IOException | IllegalArgumentException e) {
            budgets.forEach(BudgetAccountant::close);
            closeQuietly(vertx, pool, epochs, pollers);
            throw new IllegalStateException("tenant " + config.tenant().id()
                    + ": cannot set up privacy budgets and receipts: " + e.getMessage(), e);
        }
    }

    /** Every second, off the event loop: report, renew and give back leases. */
    private void maintainBudgets() {
        if (!budgets.isEmpty()) {
            budgetTimer = vertx.setPeriodic(1000, id -> vertx.executeBlocking(() -> {
                budgets.forEach(BudgetAccountant::maintain);
                return null;
            }));
        }
    }

    /**
     * Plain HTTP/1.1, or HTTPS when {@code http.tls} is set; with a client CA the worker requests a client
     * certificate (not required: API-key partners connect without one).
     */
    private static HttpServerOptions serverOptions(WorkerConfig.Http http) {
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false)
                // no WebSocket endpoints: without this every request passes a compression-negotiation handler
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
        WorkerConfig.Tls tls = http.tls();
        if (tls != null) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(tls.certPath().toString()).setKeyPath(tls.keyPath().toString()));
            if (tls.clientCaPath() != null) {
                options.setTrustOptions(new PemTrustOptions().addCertPath(tls.clientCaPath().toString()))
                        .setClientAuth(ClientAuth.REQUEST);
            }
        }
        return options;
    }

    /** Re-reads the config file periodically and rotates each tenant whose {@code key.epoch} changed. */
    private void watchKeyEpochs(Path configFile, WorkerConfigReader reader, int seconds) {
        vertx.setPeriodic(seconds * 1000L, id -> vertx
                .executeBlocking(() -> reader.readPool(configFile))
                .onSuccess(config -> config.tenants().forEach(tenant -> {
                    KeyEpochs tenantEpochs = epochs.get(tenant.tenant().id());
                    if (tenantEpochs != null) {
                        tenantEpochs.rotateTo(tenant.key().epoch());
                    }
                }))
                .onFailure(e -> LOG.warn("cannot re-read {}; keeping the current key epochs: {}",
                        configFile, e.getMessage())));
    }

    public int port() {
        return server.actualPort();
    }

    /** The key epochs of the only (or first) tenant. */
    public KeyEpochs keyEpochs() {
        return epochs.values().iterator().next();
    }

    public KeyEpochs keyEpochs(String tenantId) {
        return epochs.get(tenantId);
    }

    public ComputePool computePool() {
        return pool;
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("HTTP server did not close cleanly: {}", e.toString());
        }
        vertx.cancelTimer(budgetTimer);
        budgets.forEach(BudgetAccountant::close); // gives the unspent rest of every lease back
        closeQuietly(vertx, pool, epochs, pollers);
    }

    private static void closeQuietly(Vertx vertx, ComputePool pool, Map<String, KeyEpochs> epochs,
                                     List<AllowlistPoller> pollers) {
        pollers.forEach(AllowlistPoller::close);
        epochs.values().forEach(KeyEpochs::close);
        pool.close();
        vertx.close();
    }
}
