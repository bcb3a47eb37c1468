package io.trustfabric.worker.http;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.protocol.ServerEvaluator;
import io.trustfabric.worker.budget.BudgetAccountant;
import io.trustfabric.worker.compute.ComputePool;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.metrics.WorkerMetrics;
import io.trustfabric.worker.setup.EpochSetup;
import io.trustfabric.worker.setup.KeyEpochs;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The worker's HTTP API: PSI queries, setup, health, readiness and metrics. Handlers only parse, check
 * and route; scalar multiplications run on the {@link ComputePool}.
 */
public final class PsiApi {
    private final Vertx vertx;
    private final WorkerConfig config;
    private final KeyEpochs epochs;
    private final WorkerMetrics metrics;
    private final PsiQueryHandler queries;
    private final SetupHandler setup;

    public PsiApi(Vertx vertx, WorkerConfig config, KeyEpochs epochs, ComputePool pool,
                  ServerEvaluator evaluator, WorkerMetrics metrics, BudgetAccountant budget) {
        this.vertx = vertx;
        this.config = config;
        this.epochs = epochs;
        this.metrics = metrics;
        TenantAccess access = new TenantAccess(config.tenant(), epochs);
        this.queries = new PsiQueryHandler(vertx, config, access, pool, evaluator, metrics, budget);
        this.setup = new SetupHandler(access);
    }

    public Router router() {
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes());
        for (PsiMode mode : PsiMode.values()) {
            router.post("/v1/" + mode.wireName())
                    .handler(ctx -> queries.arrived(ctx, body))
                    .handler(ctx -> queries.admit(ctx, mode))
                    .handler(ctx -> queries.query(ctx, mode))
                    .failureHandler(ctx -> queries.failed(ctx, mode));
        }
        router.get("/v1/setup").handler(setup);
        router.get("/healthz").handler(ctx -> json(ctx.response(), 200, new JsonObject().put("status", "UP")));
        router.get("/readyz").handler(this::readiness);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", metrics.contentType())
                .end(Buffer.buffer(metrics.scrape())));
        router.errorHandler(404, ctx -> ProblemResponses.send(ctx.response(),
                new ProblemException(ProblemType.NOT_FOUND, "no such endpoint: " + ctx.request().path())));
        router.errorHandler(405, ctx -> ProblemResponses.send(ctx.response(),
                new ProblemException(ProblemType.METHOD_NOT_ALLOWED,
                        ctx.request().method() + " is not allowed on " + ctx.request().path())));
        return router;
    }

    private void readiness(RoutingContext ctx) {
        EpochSetup current = epochs.current().orElse(null);
        if (current == null) {
            json(ctx.response(), 503, new JsonObject().put("status", "NOT_READY")
                    .put("detail", "the setup of the key epoch is still being built"));
        } else {
            json(ctx.response(), 200, new JsonObject().put("status", "READY").put("keyEpoch", current.epoch())
                    .put("items", current.itemCount()));
        }
    }

    private static void json(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
