package io.trustfabric.worker;

import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.protocol.ServerEvaluator;
import io.trustfabric.worker.budget.BudgetAccountant;
import io.trustfabric.worker.budget.WorkerBudgets;
import io.trustfabric.worker.compute.ComputePool;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.config.WorkerConfigReader;
import io.trustfabric.worker.http.PsiApi;
import io.trustfabric.worker.metrics.WorkerMetrics;
import io.trustfabric.worker.setup.EpochSetupBuilder;
import io.trustfabric.worker.setup.KeyEpochs;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running PSI worker: HTTP API on the event loop, compute pool, and the key epoch being served.
 * The HTTP server listens at once (healthy, not ready); the first epoch's setup is built in the
 * background, and the worker is ready when it is served.
 */
public final class PsiWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PsiWorker.class);

    private final Vertx vertx;
    private final ComputePool pool;
    private final KeyEpochs epochs;
    private final HttpServer server;
    private final BudgetAccountant budget;
    private long budgetTimer = -1;

    private PsiWorker(Vertx vertx, ComputePool pool, KeyEpochs epochs, HttpServer server, BudgetAccountant budget) {
        this.vertx = vertx;
        this.budget = budget;
        this.pool = pool;
        this.epochs = epochs;
        this.server = server;
    }

    /**
     * Starts a worker and returns once it listens.
     *
     * @param configFile the file to re-read every {@code key.reloadSeconds} for a new key epoch, or null
     * @param reader     how {@code configFile} is re-read (with the same environment overrides)
     */
    public static PsiWorker start(WorkerConfig config, PrimeOrderGroup group, Path configFile,
                                  WorkerConfigReader reader) {
        Vertx vertx = Vertx.vertx();
        ComputePool pool = new ComputePool(config.limits().computeThreads(), config.limits().queueCapacity());
        WorkerMetrics metrics = new WorkerMetrics(config.tenant().id(), pool::queueDepth);
        EpochSetupBuilder builder = new EpochSetupBuilder(group, config, Runtime.getRuntime().availableProcessors());
        KeyEpochs epochs = new KeyEpochs(builder, metrics::recordSetup);
        BudgetAccountant budget;
        try {
            budget = WorkerBudgets.fromConfig(config);
        } catch (java.io.IOException | IllegalArgumentException e) {
            closeQuietly(vertx, pool, epochs);
            throw new IllegalStateException("cannot set up privacy budgets and receipts: " + e.getMessage(), e);
        }
        if (budget == null) {
            LOG.warn("no control.url: queries are NOT charged to any privacy budget (tests and local mode only)");
        }
        PsiApi api = new PsiApi(vertx, config, epochs, pool, new ServerEvaluator(group), metrics, budget);
        try {
            // plaintext HTTP/1.1 only: TLS and HTTP/2 terminate at the ingress
            HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false);
            HttpServer server = vertx.createHttpServer(options)
                    .requestHandler(api.router())
                    .listen(config.http().port(), config.http().host())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            PsiWorker worker = new PsiWorker(vertx, pool, epochs, server, budget);
            if (budget != null) {
                worker.budgetTimer = vertx.setPeriodic(1000, id -> vertx.executeBlocking(() -> {
                    budget.maintain();
                    return null;
                }));
            }
            LOG.info("PSI worker for tenant {} listening on {}:{}", config.tenant().id(), config.http().host(),
                    server.actualPort());
            epochs.rotateTo(config.key().epoch());
            if (configFile != null && config.key().reloadSeconds() > 0) {
                worker.watchKeyEpoch(configFile, reader, config.key().reloadSeconds());
            }
            return worker;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(vertx, pool, epochs);
            throw new IllegalStateException("interrupted while starting the worker", e);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(vertx, pool, epochs);
            throw new IllegalStateException("cannot listen on " + config.http().host() + ":" + config.http().port()
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    /** Re-reads the config file periodically and rotates when {@code key.epoch} changed. */
    private void watchKeyEpoch(Path configFile, WorkerConfigReader reader, int seconds) {
        vertx.setPeriodic(seconds * 1000L, id -> vertx
                .executeBlocking(() -> reader.read(configFile).key().epoch())
                .onSuccess(epochs::rotateTo)
                .onFailure(e -> LOG.warn("cannot re-read {}; keeping the current key epoch: {}",
                        configFile, e.getMessage())));
    }

    public int port() {
        return server.actualPort();
    }

    public KeyEpochs keyEpochs() {
        return epochs;
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
        if (budget != null) {
            vertx.cancelTimer(budgetTimer);
            budget.close(); // gives the unspent rest of every lease back
        }
        closeQuietly(vertx, pool, epochs);
    }

    private static void closeQuietly(Vertx vertx, ComputePool pool, KeyEpochs epochs) {
        epochs.close();
        pool.close();
        vertx.close();
    }
}
