package io.trustfabric.worker.http;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.protocol.ServerEvaluator;
import io.trustfabric.worker.audit.AuditLog;
import io.trustfabric.worker.compute.ComputePool;
import io.trustfabric.worker.metrics.WorkerMetrics;
import io.trustfabric.worker.policy.PolicyReadiness;
import io.trustfabric.worker.setup.EpochSetup;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * The worker's HTTP API: PSI queries, setup, health, readiness and metrics. A dedicated worker serves its
 * tenant at the root ({@code /v1/...}); a pool worker serves each tenant below {@code /tenants/<name>}.
 * Handlers only parse, check and route; scalar multiplications run on the {@link ComputePool}.
 */
public final class PsiApi {
    private final Vertx vertx;
    private final List<TenantRuntime> tenants;
    private final boolean pooled;
    private final ComputePool pool;
    private final ServerEvaluator evaluator;
    private final WorkerMetrics metrics;
    private final AuditLog audit;
    private final PolicyReadiness policy;

    /** {@code policy}: the policy engine's readiness, null when the worker has none. */
    public PsiApi(Vertx vertx, List<TenantRuntime> tenants, boolean pooled, ComputePool pool,
                  ServerEvaluator evaluator, WorkerMetrics metrics, AuditLog audit, PolicyReadiness policy) {
        this.vertx = vertx;
        this.tenants = List.copyOf(tenants);
        this.pooled = pooled;
        this.pool = pool;
        this.evaluator = evaluator;
        this.metrics = metrics;
        this.audit = audit;
        this.policy = policy;
    }

    public Router router() {
        Router router = Router.router(vertx);
        for (TenantRuntime tenant : tenants) {
            String prefix = pooled ? "/tenants/" + tenant.config().tenant().name() : "";
            tenantRoutes(router, prefix, tenant);
        }
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

    private void tenantRoutes(Router router, String prefix, TenantRuntime tenant) {
        RequestGate gate = new RequestGate(tenant);
        PsiQueryHandler queries = new PsiQueryHandler(vertx, tenant, gate, pool, evaluator, audit);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(tenant.config().http().maxBodyBytes());
        for (PsiMode mode : PsiMode.values()) {
            router.post(prefix + "/v1/" + mode.wireName())
                    .handler(ctx -> queries.arrived(ctx, body))
                    .handler(ctx -> queries.admit(ctx, mode))
                    .handler(ctx -> queries.query(ctx, mode))
                    .failureHandler(ctx -> queries.failed(ctx, mode));
        }
        router.get(prefix + "/v1/setup").handler(new SetupHandler(tenant, gate));
        router.get(prefix + "/v1/receipts/head").handler(new ReceiptHeadHandler(tenant, gate));
    }

    /** Ready when every tenant's setup is built and, with a policy engine, OPA has activated its bundles. */
    private void readiness(RoutingContext ctx) {
        if (policy == null) {
            readiness(ctx, true);
            return;
        }
        policy.ready().onComplete(ready -> readiness(ctx, ready.succeeded() && ready.result()));
    }

    private void readiness(RoutingContext ctx, boolean policyReady) {
        if (!policyReady) {
            json(ctx.response(), 503, new JsonObject().put("status", "NOT_READY").put("policy", "unavailable")
                    .put("detail", "the policy engine at " + policy.url() + " is unreachable or has not activated "
                            + "its bundles (GET /health?bundles)"));
            return;
        }
        JsonArray notReady = new JsonArray();
        JsonObject ready = new JsonObject();
        for (TenantRuntime tenant : tenants) {
            EpochSetup current = tenant.epochs().current().orElse(null);
            if (current == null) {
                notReady.add(tenant.config().tenant().id());
            } else {
                ready.put(tenant.config().tenant().id(), new JsonObject().put("keyEpoch", current.epoch())
                        .put("items", current.itemCount()));
            }
        }
        if (!notReady.isEmpty()) {
            json(ctx.response(), 503, new JsonObject().put("status", "NOT_READY").put("notReady", notReady)
                    .put("detail", "the setup of the key epoch is still being built"));
        } else if (!pooled) {
            JsonObject only = ready.getJsonObject(tenants.get(0).config().tenant().id());
            json(ctx.response(), 200, new JsonObject().put("status", "READY").put("keyEpoch", only.getLong("keyEpoch"))
                    .put("items", only.getInteger("items")));
        } else {
            json(ctx.response(), 200, new JsonObject().put("status", "READY").put("tenants", ready));
        }
    }

    private static void json(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
