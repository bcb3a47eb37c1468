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
        if (type == ProblemType.OVERLOADED || type == ProblemType.BUDGET_UNAVAILABLE) {
            response.putHeader("Retry-After", "1");
        } else if (type == ProblemType.BUDGET_EXHAUSTED && problem.extensions().get("periodEnd") instanceof String end) {
            long seconds = java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse(end)).toSeconds();
            response.putHeader("Retry-After", Long.toString(Math.max(1, seconds)));
        }
        response.end(body.encode());
    }
}
