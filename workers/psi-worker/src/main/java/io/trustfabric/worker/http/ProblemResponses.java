package io.trustfabric.worker.http;

import io.trustfabric.psi.wire.PsiMediaTypes;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Writes RFC 9457 problem bodies. */
final class ProblemResponses {
    private ProblemResponses() {
    }

    static void send(HttpServerResponse response, ProblemException problem) {
        if (response.ended() || response.closed()) {
            return;
        }
        ProblemType type = problem.type();
        JsonObject body = new JsonObject()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", problem.getMessage());
        problem.extensions().forEach(body::put);
        response.setStatusCode(type.status())
                .putHeader("Content-Type", PsiMediaTypes.PROBLEM_JSON)
                .putHeader("Cache-Control", "no-store");
        if (type == ProblemType.OVERLOADED) {
            response.putHeader("Retry-After", "1");
        }
        response.end(body.encode());
    }
}
