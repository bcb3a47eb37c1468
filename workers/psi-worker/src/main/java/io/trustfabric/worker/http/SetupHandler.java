package io.trustfabric.worker.http;

import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.worker.setup.EpochSetup;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/setup}: the current epoch's setup message, or 304 when the partner's ETag is current.
 * Only for authenticated, current partners of an enabled tenant; not rate limited (the client fetches it,
 * usually as a 304, before every query).
 */
final class SetupHandler implements Handler<RoutingContext> {
    private final TenantAccess access;
    private final RequestGate gate;
    private final TenantRuntime tenant;

    SetupHandler(TenantRuntime tenant, RequestGate gate) {
        this.tenant = tenant;
        this.access = new TenantAccess(tenant.epochs());
        this.gate = gate;
    }

    @Override
    public void handle(RoutingContext ctx) {
        gate.identify(ctx);
        try {
            tenant.authorizer().authorizeSetup(gate.authenticate(ctx));
            EpochSetup setup = access.currentSetup();
            HttpServerResponse response = access.epochHeader(ctx.response(), setup)
                    .putHeader("ETag", setup.etag())
                    .putHeader("Cache-Control", "no-cache");
            String ifNoneMatch = ctx.request().getHeader("If-None-Match");
            if (ifNoneMatch != null && matches(ifNoneMatch, setup.etag())) {
                response.setStatusCode(304).end();
                return;
            }
            response.putHeader("Content-Type", PsiMediaTypes.SETUP_V1).end(Buffer.buffer(setup.setupMessage()));
        } catch (ProblemException problem) {
            tenant.metrics().recordRefusal(RequestGate.partnerId(ctx), problem.type().shortName());
            ProblemResponses.send(ctx.response(), problem);
        }
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
}
