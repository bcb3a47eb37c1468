package io.trustfabric.worker.http;

import io.trustfabric.psi.group.InvalidElementException;
import io.trustfabric.psi.protocol.PackedElements;
import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.protocol.ServerEvaluator;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.MessageKind;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.psi.wire.WireFormatException;
import io.trustfabric.worker.compute.ComputePool;
import io.trustfabric.worker.compute.PoolSaturatedException;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.metrics.WorkerMetrics;
import io.trustfabric.worker.setup.EpochSetup;
import io.trustfabric.worker.setup.KeyEpochs;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's HTTP API: PSI queries, setup, health, readiness and metrics. Handlers only parse, check
 * and route; scalar multiplications run on the {@link ComputePool}.
 */
public final class PsiApi {
    private static final Logger LOG = LoggerFactory.getLogger(PsiApi.class);
    private static final String STARTED_AT = "tf.startedAt";
    private static final ThreadLocal<SecureRandom> SHUFFLE_RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private final Vertx vertx;
    private final WorkerConfig config;
    private final KeyEpochs epochs;
    private final ComputePool pool;
    private final ServerEvaluator evaluator;
    private final WorkerMetrics metrics;
    private final String contractFlags;
    private volatile CachedSetup cachedSetup;

    private record CachedSetup(EpochSetup setup, Buffer body) {
    }

    public PsiApi(Vertx vertx, WorkerConfig config, KeyEpochs epochs, ComputePool pool,
                  ServerEvaluator evaluator, WorkerMetrics metrics) {
        this.vertx = vertx;
        this.config = config;
        this.epochs = epochs;
        this.pool = pool;
        this.evaluator = evaluator;
        this.metrics = metrics;
        this.contractFlags = String.join(",", config.tenant().contractFlags());
    }

    public Router router() {
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes());
        for (PsiMode mode : PsiMode.values()) {
            router.post("/v1/" + mode.wireName())
                    .handler(ctx -> {
                        ctx.put(STARTED_AT, System.nanoTime());
                        body.handle(ctx);
                    })
                    .handler(ctx -> admit(ctx, mode))
                    .handler(ctx -> query(ctx, mode))
                    .failureHandler(ctx -> queryFailed(ctx, mode));
        }
        router.get("/v1/setup").handler(this::setup);
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

    /** Checks everything that can be decided from the headers, before the body is parsed. */
    private void admit(RoutingContext ctx, PsiMode mode) {
        try {
            requireEnabled();
            if (!config.tenant().modes().contains(mode)) {
                throw new ProblemException(ProblemType.MODE_NOT_SERVED,
                        "tenant " + config.tenant().id() + " does not serve " + mode.wireName());
            }
            currentSetup();
            String contentType = ctx.request().getHeader("Content-Type");
            if (contentType == null || !mediaType(contentType).equals(PsiMediaTypes.ELEMENTS_V1)) {
                throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be "
                        + PsiMediaTypes.ELEMENTS_V1 + ", got " + (contentType == null ? "none" : contentType));
            }
            ctx.next();
        } catch (ProblemException problem) {
            refuse(ctx, mode, problem);
        }
    }

    private void query(RoutingContext ctx, PsiMode mode) {
        try {
            EpochSetup setup = currentSetup();
            ElementBatch batch = parseQuery(ctx);
            if (batch.epoch() != setup.epoch()) {
                throw new ProblemException(ProblemType.STALE_KEY_EPOCH, "the items were blinded for key epoch "
                        + batch.epoch() + " but the current key epoch is " + setup.epoch()
                        + "; fetch GET /v1/setup and blind again", Map.of("currentEpoch", setup.epoch()));
            }
            Context context = vertx.getOrCreateContext();
            pool.submit(() -> evaluator.answer(setup.key(), batch.elements(), mode, SHUFFLE_RANDOM.get()))
                    .whenComplete((answer, error) -> context.runOnContext(v ->
                            answered(ctx, mode, setup, answer, error)));
        } catch (PoolSaturatedException e) {
            refuse(ctx, mode, new ProblemException(ProblemType.OVERLOADED, e.getMessage() + "; retry later"));
        } catch (ProblemException problem) {
            refuse(ctx, mode, problem);
        }
    }

    private ElementBatch parseQuery(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        try {
            if (bytes.length >= ElementBatch.HEADER_BYTES
                    && ElementBatch.peekCount(bytes) > config.limits().maxClientSetSize()) {
                throw new ProblemException(ProblemType.TOO_LARGE, "the query has " + ElementBatch.peekCount(bytes)
                        + " elements; at most " + config.limits().maxClientSetSize() + " are accepted",
                        Map.of("maxClientSetSize", config.limits().maxClientSetSize()));
            }
            ElementBatch batch = ElementBatch.decode(bytes, MessageKind.BLINDED_QUERY);
            if (batch.elements().count() == 0) {
                throw new ProblemException(ProblemType.MALFORMED, "the query has no elements");
            }
            return batch;
        } catch (WireFormatException e) {
            throw new ProblemException(ProblemType.MALFORMED, e.getMessage());
        }
    }

    private void answered(RoutingContext ctx, PsiMode mode, EpochSetup setup, PackedElements answer, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof InvalidElementException invalid) {
            refuse(ctx, mode, new ProblemException(ProblemType.BAD_POINT, invalid.getMessage()));
            return;
        }
        if (cause != null) {
            LOG.error("PSI {} query failed", mode.wireName(), cause);
            refuse(ctx, mode, new ProblemException(ProblemType.INTERNAL, "the query could not be answered"));
            return;
        }
        metrics.recordElements(mode.wireName(), answer.count());
        HttpServerResponse response = ctx.response();
        if (!response.closed()) {
            tenantHeaders(response, setup)
                    .putHeader("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                    .putHeader("Cache-Control", "no-store")
                    .end(Buffer.buffer(ElementBatch.answer(setup.epoch(), answer).encode()));
        }
        record(ctx, mode, "ok");
    }

    private void queryFailed(RoutingContext ctx, PsiMode mode) {
        if (ctx.statusCode() == 413) {
            refuse(ctx, mode, new ProblemException(ProblemType.TOO_LARGE,
                    "the request body exceeds " + config.http().maxBodyBytes() + " bytes",
                    Map.of("maxBodyBytes", config.http().maxBodyBytes())));
        } else {
            if (ctx.failure() != null) {
                LOG.error("PSI {} request failed", mode.wireName(), ctx.failure());
            }
            refuse(ctx, mode, new ProblemException(ProblemType.INTERNAL, "the request could not be handled"));
        }
    }

    private void setup(RoutingContext ctx) {
        try {
            requireEnabled();
            EpochSetup setup = currentSetup();
            String ifNoneMatch = ctx.request().getHeader("If-None-Match");
            HttpServerResponse response = tenantHeaders(ctx.response(), setup)
                    .putHeader("ETag", setup.etag())
                    .putHeader("Cache-Control", "no-cache");
            if (ifNoneMatch != null && matches(ifNoneMatch, setup.etag())) {
                response.setStatusCode(304).end();
                return;
            }
            response.putHeader("Content-Type", PsiMediaTypes.SETUP_V1).end(setupBody(setup));
        } catch (ProblemException problem) {
            ProblemResponses.send(ctx.response(), problem);
        }
    }

    private Buffer setupBody(EpochSetup setup) {
        CachedSetup cached = cachedSetup;
        if (cached == null || cached.setup() != setup) {
            cached = new CachedSetup(setup, Buffer.buffer(setup.setupMessage()));
            cachedSetup = cached;
        }
        return cached.body();
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private void readiness(RoutingContext ctx) {
        EpochSetup setup = epochs.current().orElse(null);
        if (setup == null) {
            json(ctx.response(), 503, new JsonObject().put("status", "NOT_READY")
                    .put("detail", "the setup of the key epoch is still being built"));
        } else {
            json(ctx.response(), 200, new JsonObject().put("status", "READY").put("keyEpoch", setup.epoch())
                    .put("items", setup.itemCount()));
        }
    }

    private void requireEnabled() {
        if (!config.tenant().limitedGA()) {
            throw new ProblemException(ProblemType.TENANT_NOT_ENABLED, "tenant " + config.tenant().id()
                    + " is not enabled for partner queries (limitedGA is false)");
        }
    }

    private EpochSetup currentSetup() {
        return epochs.current().orElseThrow(() -> new ProblemException(ProblemType.NOT_READY,
                "the setup of the key epoch is still being built; retry shortly"));
    }

    private HttpServerResponse tenantHeaders(HttpServerResponse response, EpochSetup setup) {
        response.putHeader("X-TrustFabric-Tenant", config.tenant().id())
                .putHeader("X-TrustFabric-Key-Epoch", Long.toString(setup.epoch()));
        if (!contractFlags.isEmpty()) {
            response.putHeader("X-TrustFabric-Contract-Flags", contractFlags);
        }
        return response;
    }

    private void refuse(RoutingContext ctx, PsiMode mode, ProblemException problem) {
        ProblemResponses.send(ctx.response(), problem);
        record(ctx, mode, problem.type().shortName());
    }

    private void record(RoutingContext ctx, PsiMode mode, String outcome) {
        Long started = ctx.get(STARTED_AT);
        long elapsed = started == null ? 0 : System.nanoTime() - started;
        metrics.recordRequest(mode.wireName(), outcome, elapsed);
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase();
    }

    private static void json(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
