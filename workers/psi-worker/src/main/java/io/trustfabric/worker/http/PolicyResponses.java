package io.trustfabric.worker.http;

import io.trustfabric.worker.policy.PolicyDecision;
import io.trustfabric.worker.policy.PolicyFinding;
import io.trustfabric.worker.policy.PolicyVerdict;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What a partner sees of a policy verdict: the headers of docs/decisions/policies.md and the two problems. */
final class PolicyResponses {
    static final String DECISION_HEADER = "X-TrustFabric-Policy-Decision";
    static final String REVISION_HEADER = "X-TrustFabric-Policy-Revision";
    static final String OBLIGATIONS_HEADER = "X-TrustFabric-Obligations";

    private PolicyResponses() {
    }

    /** Decision and revision headers on every decided answer; warnings and obligations only when allowed. */
    static void decorate(HttpServerResponse response, PolicyVerdict verdict, String tenantName) {
        PolicyDecision decision = verdict.decision();
        if (verdict.kind() == PolicyVerdict.Kind.UNCHECKED) {
            response.headers().add("Warning", warning(verdict.detail()));
            return;
        }
        if (decision == null) {
            return;
        }
        response.putHeader(DECISION_HEADER, headerSafe(decision.decisionId()))
                .putHeader(REVISION_HEADER, headerSafe(decision.revisionLabel(tenantName)));
        if (verdict.kind() == PolicyVerdict.Kind.ALLOWED) {
            decision.warnings().forEach(w -> response.headers().add("Warning", warning(w.summary())));
            if (!decision.obligations().isEmpty()) {
                response.putHeader(OBLIGATIONS_HEADER, headerSafe(decision.obligations().encode()));
            }
        }
    }

    static ProblemException denied(PolicyDecision decision) {
        JsonArray denials = new JsonArray();
        decision.refusals().forEach(finding -> denials.add(finding.toJson()));
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("denials", denials);
        extensions.put("decisionId", decision.decisionId());
        if (decision.revision() != null) {
            extensions.put("revision", decision.revision());
        }
        String reasons = decision.refusals().isEmpty() ? "the decision did not allow it"
                : decision.refusals().stream().map(PolicyFinding::summary).collect(Collectors.joining("; "));
        return new ProblemException(ProblemType.POLICY_DENIED, "the tenant's policy denies this query ("
                + reasons + "); nothing was computed or charged", extensions);
    }

    static ProblemException unavailable(String detail) {
        return new ProblemException(ProblemType.POLICY_UNAVAILABLE, "the tenant's policy cannot be checked ("
                + detail + "); nothing was computed or charged; retry later");
    }

    /** {@code 299 trust-fabric "<text>"}, the text as an HTTP quoted-string. */
    static String warning(String text) {
        return "299 trust-fabric \"" + headerSafe(text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Printable ASCII only: a header value must not break the response, whatever a policy author wrote. */
    private static String headerSafe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : c == '\t' ? ' ' : '?');
        }
        return out.toString();
    }
}
