package io.trustfabric.worker.http;

import io.trustfabric.psi.wire.PsiMediaTypes;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Writes RFC 9457 problem bodies. */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    public static void send(HttpServerResponse response, ProblemException problem) {
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
        Object retryAfter = problem.extensions().get(ProblemException.RETRY_AFTER_SECONDS);
        if (retryAfter != null) {
            response.putHeader("Retry-After", retryAfter.toString());
        } else if (type == ProblemType.OVERLOADED || type == ProblemType.ALLOWLIST_UNAVAILABLE
                || type == ProblemType.BUDGET_UNAVAILABLE || type == ProblemType.POLICY_UNAVAILABLE) {
            response.putHeader("Retry-After", "1");
        }
        if (type == ProblemType.UNKNOWN_CREDENTIALS) {
            response.putHeader("WWW-Authenticate", "ApiKey realm=\"trustfabric\"");
        }
        response.end(body.encode());
    }
}
