package io.trustfabric.worker.http;

import io.trustfabric.psi.group.InvalidElementException;
import io.trustfabric.psi.protocol.PackedElements;
import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.protocol.ServerEvaluator;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.MessageKind;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.psi.wire.WireFormatException;
import io.trustfabric.psi.receipt.SignedReceipt;
import io.trustfabric.worker.budget.BudgetAccountant;
import io.trustfabric.worker.budget.BudgetRefusedException;
import io.trustfabric.worker.budget.Reservation;
import io.trustfabric.worker.compute.ComputePool;
import io.trustfabric.worker.compute.PoolSaturatedException;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.metrics.WorkerMetrics;
import io.trustfabric.worker.setup.EpochSetup;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/psi-ca} and {@code POST /v1/psi}: checks the request on the event loop, reserves the
 * query's privacy-budget cost, evaluates the elements on the compute pool, commits the cost (signed receipt
 * on disk) and answers. Every refusal happens before any computation; a failed computation gives the
 * reservation back.
 */
final class PsiQueryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PsiQueryHandler.class);
    private static final String STARTED_AT = "tf.startedAt";
    private static final ThreadLocal<SecureRandom> SHUFFLE_RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private final Vertx vertx;
    private final WorkerConfig config;
    private final TenantAccess access;
    private final ComputePool pool;
    private final ServerEvaluator evaluator;
    private final WorkerMetrics metrics;
    private final BudgetAccountant budget;

    /** @param budget spends the privacy budget; null when no control API is configured (queries are not charged) */
    PsiQueryHandler(Vertx vertx, WorkerConfig config, TenantAccess access, ComputePool pool,
                    ServerEvaluator evaluator, WorkerMetrics metrics, BudgetAccountant budget) {
        this.vertx = vertx;
        this.budget = budget;
        this.config = config;
        this.access = access;
        this.pool = pool;
        this.evaluator = evaluator;
        this.metrics = metrics;
    }

    /**
     * First handler of the route: notes the arrival time for the duration metric, then reads the body
     * (Vert.x only accepts a body handler first on a route, hence the delegation).
     */
    void arrived(RoutingContext ctx, BodyHandler body) {
        ctx.put(STARTED_AT, System.nanoTime());
        body.handle(ctx);
    }

    /** Checks everything that can be decided from the headers, before the body is parsed. */
    void admit(RoutingContext ctx, PsiMode mode) {
        try {
            access.requireEnabled();
            if (!config.tenant().modes().contains(mode)) {
                throw new ProblemException(ProblemType.MODE_NOT_SERVED,
                        "tenant " + config.tenant().id() + " does not serve " + mode.wireName());
            }
            access.currentSetup();
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

    void query(RoutingContext ctx, PsiMode mode) {
        try {
            EpochSetup setup = access.currentSetup();
            ElementBatch batch = parseQuery(ctx);
            if (batch.epoch() != setup.epoch()) {
                throw new ProblemException(ProblemType.STALE_KEY_EPOCH, "the items were blinded for key epoch "
                        + batch.epoch() + " but the current key epoch is " + setup.epoch()
                        + "; fetch GET /v1/setup and blind again", Map.of("currentEpoch", setup.epoch()));
            }
            String partner = partnerOf(ctx);
            Context context = vertx.getOrCreateContext();
            reserve(partner, mode, batch.elements().count()).whenComplete((reservation, refusal) ->
                    context.runOnContext(v -> {
                        if (refusal != null) {
                            refuse(ctx, mode, budgetProblem(refusal));
                        } else {
                            compute(ctx, mode, setup, batch, reservation, context);
                        }
                    }));
        } catch (ProblemException problem) {
            refuse(ctx, mode, problem);
        }
    }

    /**
     * The partner the query is charged to. Stub until partner authentication lands: the identity an
     * authentication handler put on the context, else the {@code X-TrustFabric-Partner} header.
     */
    static String partnerOf(RoutingContext ctx) {
        Object authenticated = ctx.get("tf.partner");
        if (authenticated instanceof String id && !id.isEmpty()) {
            return id;
        }
        String header = ctx.request().getHeader("X-TrustFabric-Partner");
        return header == null || header.isBlank() ? "anonymous" : header.strip();
    }

    private CompletionStage<Reservation> reserve(String partner, PsiMode mode, int elements) {
        if (budget == null) {
            return CompletableFuture.completedFuture(null);
        }
        return vertx.executeBlocking(() -> budget.reserve(partner, mode, elements), false).toCompletionStage();
    }

    private void compute(RoutingContext ctx, PsiMode mode, EpochSetup setup, ElementBatch batch,
                         Reservation reservation, Context context) {
        try {
            pool.submit(() -> evaluator.answer(setup.key(), batch.elements(), mode, SHUFFLE_RANDOM.get()))
                    .whenComplete((answer, error) -> context.runOnContext(v ->
                            answered(ctx, mode, setup, reservation, answer, error)));
        } catch (PoolSaturatedException e) {
            release(reservation);
            refuse(ctx, mode, new ProblemException(ProblemType.OVERLOADED, e.getMessage() + "; retry later"));
        }
    }

    private static ProblemException budgetProblem(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!(cause instanceof BudgetRefusedException refused)) {
            LOG.error("budget reservation failed", cause);
            return new ProblemException(ProblemType.BUDGET_UNAVAILABLE, "the privacy budget cannot be checked; retry later");
        }
        return switch (refused.reason()) {
            case EXHAUSTED -> new ProblemException(ProblemType.BUDGET_EXHAUSTED, refused.getMessage()
                    + "; nothing was computed", refused.periodEnd() == null ? Map.of()
                    : Map.of("periodEnd", refused.periodEnd().toString()));
            case NO_BUDGET -> new ProblemException(ProblemType.NO_BUDGET, refused.getMessage());
            case MODE_NOT_PRICED -> new ProblemException(ProblemType.MODE_NOT_SERVED, refused.getMessage());
            case UNAVAILABLE -> new ProblemException(ProblemType.BUDGET_UNAVAILABLE, refused.getMessage()
                    + "; no budget can be granted, so nothing was computed; retry later");
        };
    }

    private static void release(Reservation reservation) {
        if (reservation != null) {
            reservation.release();
        }
    }

    /** The body handler refused the body (too large), or a handler failed unexpectedly. */
    void failed(RoutingContext ctx, PsiMode mode) {
        if (ctx.statusCode() == 413) {
            refuse(ctx, mode, new ProblemException(ProblemType.TOO_LARGE,
                    "the request body exceeds " + config.http().maxBodyBytes() + " bytes",
                    Map.of("maxBodyBytes", config.http().maxBodyBytes())));
            return;
        }
        if (ctx.failure() != null) {
            LOG.error("PSI {} request failed", mode.wireName(), ctx.failure());
        }
        refuse(ctx, mode, new ProblemException(ProblemType.INTERNAL, "the request could not be handled"));
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

    private void answered(RoutingContext ctx, PsiMode mode, EpochSetup setup, Reservation reservation,
                          PackedElements answer, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause != null) {
            release(reservation);
            if (cause instanceof InvalidElementException invalid) {
                refuse(ctx, mode, new ProblemException(ProblemType.BAD_POINT, invalid.getMessage()));
            } else {
                LOG.error("PSI {} query failed", mode.wireName(), cause);
                refuse(ctx, mode, new ProblemException(ProblemType.INTERNAL, "the query could not be answered"));
            }
            return;
        }
        if (ctx.response().closed()) {
            release(reservation); // the partner went away: nothing was released, nothing is charged
            record(ctx, mode, "closed");
            return;
        }
        if (reservation == null) {
            send(ctx, mode, setup, answer, null);
            return;
        }
        String queryId = UUID.randomUUID().toString();
        vertx.executeBlocking(() -> reservation.commit(queryId), false).onComplete(committed -> {
            if (committed.succeeded()) {
                send(ctx, mode, setup, answer, committed.result());
            } else if (committed.cause() instanceof BudgetRefusedException refused) {
                refuse(ctx, mode, budgetProblem(refused));
            } else {
                LOG.error("cannot record the receipt of query {}; the answer is withheld", queryId, committed.cause());
                refuse(ctx, mode, new ProblemException(ProblemType.INTERNAL, "the query's receipt could not be recorded"));
            }
        });
    }

    private void send(RoutingContext ctx, PsiMode mode, EpochSetup setup, PackedElements answer, SignedReceipt receipt) {
        metrics.recordElements(mode.wireName(), answer.count());
        HttpServerResponse response = ctx.response();
        if (!response.closed()) {
            access.tenantHeaders(response, setup)
                    .putHeader("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                    .putHeader("Cache-Control", "no-store");
            if (receipt != null) {
                response.putHeader("X-TrustFabric-Receipt", receipt.compact())
                        .putHeader("X-TrustFabric-Budget-Remaining",
                                Long.toString(receipt.receipt().remainingAfterMicroEpsilon()))
                        .putHeader("X-TrustFabric-Query-Id", receipt.receipt().queryId());
            }
            response.end(Buffer.buffer(ElementBatch.answer(setup.epoch(), answer).encode()));
        }
        record(ctx, mode, "ok");
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
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
