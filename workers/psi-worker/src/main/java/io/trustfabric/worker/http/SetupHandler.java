package io.trustfabric.worker.http;

import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.worker.setup.EpochSetup;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/setup}: the current epoch's setup message, or 304 when the partner's ETag is current. */
final class SetupHandler implements Handler<RoutingContext> {
    private final TenantAccess access;

    SetupHandler(TenantAccess access) {
        this.access = access;
    }

    @Override
    public void handle(RoutingContext ctx) {
        try {
            access.requireEnabled();
            EpochSetup setup = access.currentSetup();
            HttpServerResponse response = access.tenantHeaders(ctx.response(), setup)
                    .putHeader("ETag", setup.etag())
                    .putHeader("Cache-Control", "no-cache");
            String ifNoneMatch = ctx.request().getHeader("If-None-Match");
            if (ifNoneMatch != null && matches(ifNoneMatch, setup.etag())) {
                response.setStatusCode(304).end();
                return;
            }
            response.putHeader("Content-Type", PsiMediaTypes.SETUP_V1).end(Buffer.buffer(setup.setupMessage()));
        } catch (ProblemException problem) {
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
