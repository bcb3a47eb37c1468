package io.trustfabric.worker.http;

import io.trustfabric.worker.access.Partner;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /v1/receipts/head}: the chain heads of the calling partner's leases on this worker, each signed with
 * the tenant's receipt key, one compact head per line ({@code text/plain}). A partner compares its receipt file
 * with them ({@code tfctl receipts verify --head}): a file cannot show on its own that its last receipts were
 * removed. Any authenticated partner may ask (also one no longer allowed to query); it sees only its own leases.
 * 404 when this worker charges no budgets (it issues no receipts).
 */
final class ReceiptHeadHandler implements Handler<RoutingContext> {
    private final RequestGate gate;
    private final TenantRuntime tenant;

    ReceiptHeadHandler(TenantRuntime tenant, RequestGate gate) {
        this.tenant = tenant;
        this.gate = gate;
    }

    @Override
    public void handle(RoutingContext ctx) {
        gate.identify(ctx);
        try {
            Partner partner = gate.authenticate(ctx);
            if (tenant.budget() == null) {
                throw new ProblemException(ProblemType.NOT_FOUND,
                        "this worker charges no privacy budget, so it issues no receipts and has no chain head");
            }
            List<String> heads = tenant.budget().signedChainHeads(partner.id());
            StringBuilder body = new StringBuilder();
            heads.forEach(head -> body.append(head).append('\n'));
            ctx.response().setStatusCode(200).putHeader("Content-Type", "text/plain; charset=us-ascii")
                    .putHeader("Cache-Control", "no-store").end(body.toString());
        } catch (ProblemException problem) {
            tenant.metrics().recordRefusal(RequestGate.partnerId(ctx), problem.type().shortName());
            ProblemResponses.send(ctx.response(), problem);
        }
    }
}
