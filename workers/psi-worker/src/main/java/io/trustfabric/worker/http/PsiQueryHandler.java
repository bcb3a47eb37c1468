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
import io.trustfabric.worker.budget.BudgetRefusedException;
import io.trustfabric.worker.budget.Reservation;
import io.trustfabric.worker.compute.ComputePool;
import io.trustfabric.worker.compute.PoolSaturatedException;
import io.trustfabric.worker.access.Partner;
import io.trustfabric.worker.audit.AuditEvent;
import io.trustfabric.worker.audit.AuditLog;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.policy.PolicyDecision;
import io.trustfabric.worker.policy.PolicyVerdict;
import io.trustfabric.worker.setup.EpochSetup;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/psi-ca} and {@code POST /v1/psi}. The request passes explicit stages, each of which may
 * refuse it before any computation: authenticate -> authorize -> rate limit (headers only, {@link #admit})
 * -> parse and check the body -> ask the tenant's policy ({@link #policyDecided}) -> reserve the
 * privacy-budget cost ({@link #reserve}) -> fair queue and compute
 * on the pool -> commit the cost with a signed receipt on disk ({@link #answered}) -> respond. A failed
 * computation gives its reservation back. Every decision is one audit line and one metrics observation
 * ({@link #finish}).
 */
final class PsiQueryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PsiQueryHandler.class);
    private static final String STARTED_AT = "tf.startedAt";
    private static final String ELEMENTS = "tf.elements";
    private static final String POLICY = "tf.policy";
    private static final String FINISHED = "tf.finished";
    /** The outcome (metrics) and audit reason of a request whose client hung up before the answer. */
    static final String CLIENT_CLOSED = "client-closed";
    static final String RECEIPT_HEADER = "X-TrustFabric-Receipt";
    static final String BUDGET_REMAINING_HEADER = "X-TrustFabric-Budget-Remaining";
    private static final ThreadLocal<SecureRandom> SHUFFLE_RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private final Vertx vertx;
    private final TenantRuntime tenant;
    private final WorkerConfig config;
    private final RequestGate gate;
    private final TenantAccess access;
    private final ComputePool pool;
    private final ServerEvaluator evaluator;
    private final AuditLog audit;

    PsiQueryHandler(Vertx vertx, TenantRuntime tenant, RequestGate gate, ComputePool pool,
                    ServerEvaluator evaluator, AuditLog audit) {
        this.vertx = vertx;
        this.tenant = tenant;
        this.config = tenant.config();
        this.gate = gate;
        this.access = new TenantAccess(tenant.epochs());
        this.pool = pool;
        this.evaluator = evaluator;
        this.audit = audit;
    }

    /**
     * First handler of the route: notes the arrival time for the duration metric, then reads the body
     * (Vert.x only accepts a body handler first on a route, hence the delegation).
     */
    void arrived(RoutingContext ctx, BodyHandler body) {
        ctx.put(STARTED_AT, System.nanoTime());
        gate.identify(ctx);
        body.handle(ctx);
    }

    /** Checks everything that can be decided from the headers, before the body is parsed. */
    void admit(RoutingContext ctx, PsiMode mode) {
        try {
            Partner partner = gate.authenticate(ctx);
            gate.authorize(partner, mode);
            gate.rateLimit(partner);
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
            ctx.put(ELEMENTS, batch.elements().count());
            if (batch.epoch() != setup.epoch()) {
                throw new ProblemException(ProblemType.STALE_KEY_EPOCH, "the items were blinded for key epoch "
                        + batch.epoch() + " but the current key epoch is " + setup.epoch()
                        + "; fetch GET /v1/setup and blind again", Map.of("currentEpoch", setup.epoch()));
            }
            Context context = vertx.getOrCreateContext();
            tenant.policy().decide(RequestGate.partner(ctx), mode, batch.elements().count()).onComplete(decided -> {
                PolicyVerdict verdict = decided.succeeded() ? decided.result()
                        : PolicyVerdict.unavailable("the policy decision failed");
                // OPA's answer arrives on this request's event loop, and a verdict without OPA is already there:
                // no extra turn of the loop then
                if (Vertx.currentContext() == context) {
                    policyDecided(ctx, mode, setup, batch, verdict, context);
                } else {
                    context.runOnContext(v -> policyDecided(ctx, mode, setup, batch, verdict, context));
                }
            });
        } catch (ProblemException problem) {
            refuse(ctx, mode, problem);
        }
    }

    /** Stage 5: the policy verdict; a refusal leaves nothing reserved, computed or charged. */
    private void policyDecided(RoutingContext ctx, PsiMode mode, EpochSetup setup, ElementBatch batch,
                               PolicyVerdict verdict, Context context) {
        ctx.put(POLICY, verdict);
        PolicyResponses.decorate(ctx.response(), verdict, config.tenant().name());
        switch (verdict.kind()) {
            case UNAVAILABLE -> refuse(ctx, mode, PolicyResponses.unavailable(verdict.detail()));
            case DENIED -> refuse(ctx, mode, PolicyResponses.denied(verdict.decision()));
            case ALLOWED, UNCHECKED -> {
                if (tenant.budget() == null) { // nothing to reserve: straight to the pool
                    compute(ctx, mode, setup, batch, null, context);
                    return;
                }
                reserve(RequestGate.partnerId(ctx), mode, batch.elements().count()).whenComplete((reservation, refusal) ->
                        context.runOnContext(v -> {
                            if (refusal != null) {
                                refuse(ctx, mode, budgetProblem(refusal));
                            } else {
                                compute(ctx, mode, setup, batch, reservation, context);
                            }
                        }));
            }
        }
    }

    /**
     * Stage 6: the query's cost comes out of a lease before anything is computed. Off the event loop (a lease's lock
     * may be held while a receipt is appended), but no thread waits for the operator: the partner's queries that
     * need a lease share one lease request, and a refusal the operator gave is remembered briefly (issue 15).
     */
    private CompletionStage<Reservation> reserve(String partner, PsiMode mode, int elements) {
        return vertx.executeBlocking(() -> tenant.budget().reserveAsync(partner, mode, elements), false)
                .toCompletionStage().thenCompose(reservation -> reservation);
    }

    private void compute(RoutingContext ctx, PsiMode mode, EpochSetup setup, ElementBatch batch,
                         Reservation reservation, Context context) {
        try {
            pool.submit(tenant.lane(), batch.elements().count(),
                            () -> evaluator.answer(setup.key(), batch.elements(), mode, SHUFFLE_RANDOM.get()))
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
                    + "; nothing was computed", refused.periodEnd() == null ? Map.of() : Map.of(
                    "periodEnd", refused.periodEnd().toString(),
                    ProblemException.RETRY_AFTER_SECONDS, secondsUntil(refused.periodEnd())));
            case NO_BUDGET -> new ProblemException(ProblemType.NO_BUDGET, refused.getMessage());
            case MODE_NOT_PRICED -> new ProblemException(ProblemType.MODE_NOT_SERVED, refused.getMessage());
            case UNAVAILABLE -> new ProblemException(ProblemType.BUDGET_UNAVAILABLE, refused.getMessage()
                    + "; no budget can be granted, so nothing was computed; retry later");
        };
    }

    private static long secondsUntil(java.time.Instant end) {
        return Math.max(1, java.time.Duration.between(java.time.Instant.now(), end).toSeconds());
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
        if (ctx.failure() instanceof HttpClosedException || ctx.response().closed()) {
            aborted(ctx, mode); // the connection ended before the request was read: the client's doing, not a 5xx
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
            // wire order: magic, version, kind, header length, then the count (413), then the length
            long announced = ElementBatch.peekCount(bytes, MessageKind.BLINDED_QUERY);
            if (announced > config.limits().maxClientSetSize()) {
                throw new ProblemException(ProblemType.TOO_LARGE, "the query has " + announced
                        + " elements; at most " + config.limits().maxClientSetSize() + " are accepted",
                        Map.of("maxClientSetSize", config.limits().maxClientSetSize()));
            }
            ElementBatch batch = ElementBatch.decode(bytes, MessageKind.BLINDED_QUERY);
            if (batch.elements().count() == 0) {
                throw new ProblemException(ProblemType.MALFORMED, "the query has no elements");
            }
            // the same blinded element twice would be answered (and, in PSI-CA, counted) twice: a partner could
            // weight the count or probe with it. Refused before the policy, the budget and the compute pool.
            int[] repeat = batch.elements().firstRepeat();
            if (repeat != null) {
                throw new ProblemException(ProblemType.DUPLICATE_ELEMENTS, "element " + repeat[1]
                        + " repeats element " + repeat[0] + "; send each blinded element once (deduplicate the "
                        + "items after normalization)");
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
        if (reservation == null) {
            respond(ctx, mode, setup, answer, null);
            return;
        }
        if (ctx.response().closed()) {
            release(reservation); // the partner went away: nothing is released, nothing is charged
            aborted(ctx, mode);
            return;
        }
        String queryId = java.util.UUID.randomUUID().toString();
        vertx.executeBlocking(() -> reservation.commit(queryId), false).onComplete(committed -> {
            if (committed.succeeded()) {
                respond(ctx, mode, setup, answer, committed.result());
            } else if (committed.cause() instanceof BudgetRefusedException refused) {
                refuse(ctx, mode, budgetProblem(refused));
            } else {
                LOG.error("cannot record the receipt of request {}; the answer is withheld", queryId, committed.cause());
                refuse(ctx, mode, new ProblemException(ProblemType.INTERNAL, "the query's receipt could not be recorded"));
            }
        });
    }

    /** Stage 7: the answer, with its receipt and the budget's remaining bound when it was charged. */
    private void respond(RoutingContext ctx, PsiMode mode, EpochSetup setup, PackedElements answer,
                         SignedReceipt receipt) {
        tenant.metrics().recordElements(mode.wireName(), answer.count());
        tenant.policy().answered(RequestGate.partnerId(ctx), answer.count());
        finish(ctx, mode, null); // audited before the partner can see the answer
        HttpServerResponse response = ctx.response();
        if (!response.closed()) {
            access.epochHeader(response, setup)
                    .putHeader("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                    .putHeader("Cache-Control", "no-store");
            if (receipt != null) {
                response.putHeader(RECEIPT_HEADER, receipt.compact()).putHeader(BUDGET_REMAINING_HEADER,
                        Long.toString(receipt.receipt().remainingAfterMicroEpsilon()));
            }
            response.end(Buffer.buffer(ElementBatch.answer(setup.epoch(), answer).encode()));
        }
    }

    private void refuse(RoutingContext ctx, PsiMode mode, ProblemException problem) {
        ProblemResponses.send(ctx.response(), problem);
        finish(ctx, mode, problem);
    }

    /** One audit line and one metrics observation per decision; {@code problem} null means answered. */
    private void finish(RoutingContext ctx, PsiMode mode, ProblemException problem) {
        if (!firstDecision(ctx)) {
            return;
        }
        Long started = ctx.get(STARTED_AT);
        long elapsed = started == null ? 0 : System.nanoTime() - started;
        String partner = RequestGate.partnerId(ctx);
        Integer elements = ctx.get(ELEMENTS);
        int count = elements == null ? 0 : elements;
        String outcome = problem == null ? "ok" : problem.type().shortName();
        tenant.metrics().recordRequest(partner, mode.wireName(), outcome, elapsed);
        AuditEvent event;
        if (problem == null) {
            event = AuditEvent.allowed(RequestGate.requestId(ctx), config.tenant().id(), partner, mode.wireName(), count);
        } else {
            tenant.metrics().recordRefusal(partner, outcome);
            event = AuditEvent.refused(RequestGate.requestId(ctx), config.tenant().id(), partner, mode.wireName(),
                    count, outcome, problem.type().status());
        }
        audit.record(event.withPolicy(auditPolicy(ctx.get(POLICY))));
    }

    /**
     * The client closed the connection before it could be answered (mid-body, or while its query was computed and
     * charged): one audit line {@code "decision":"aborted","reason":"client-closed"} and the duration metric's
     * {@code client-closed} outcome; not a refusal, not a server error, logged at INFO without a stack trace.
     */
    private void aborted(RoutingContext ctx, PsiMode mode) {
        if (!firstDecision(ctx)) {
            return;
        }
        Long started = ctx.get(STARTED_AT);
        long elapsed = started == null ? 0 : System.nanoTime() - started;
        String partner = RequestGate.partnerId(ctx);
        Integer elements = ctx.get(ELEMENTS);
        LOG.info("PSI {} request {} of {}: the client closed the connection before the answer", mode.wireName(),
                RequestGate.requestId(ctx), partner);
        tenant.metrics().recordRequest(partner, mode.wireName(), CLIENT_CLOSED, elapsed);
        audit.record(AuditEvent.aborted(RequestGate.requestId(ctx), config.tenant().id(), partner, mode.wireName(),
                elements == null ? 0 : elements, CLIENT_CLOSED).withPolicy(auditPolicy(ctx.get(POLICY))));
    }

    /** True the first time a request is decided (answered, refused or aborted): one audit line per request. */
    private static boolean firstDecision(RoutingContext ctx) {
        if (ctx.get(FINISHED) != null) {
            return false;
        }
        ctx.put(FINISHED, Boolean.TRUE);
        return true;
    }

    private AuditEvent.Policy auditPolicy(PolicyVerdict verdict) {
        if (verdict == null) {
            return null;
        }
        PolicyDecision decision = verdict.decision();
        return decision == null ? new AuditEvent.Policy(verdict.kind().label(), null, null, List.of())
                : new AuditEvent.Policy(verdict.kind().label(), decision.decisionId(),
                        decision.revisionLabel(config.tenant().name()), decision.dryrun());
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
