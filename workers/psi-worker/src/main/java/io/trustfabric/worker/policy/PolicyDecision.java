package io.trustfabric.worker.policy;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's answer to one query (docs/decisions/policies.md, "Decision result") with the {@code decision_id} OPA
 * logged it under. {@code revision} is null when the result has none; {@code obligations} are kept as OPA sent
 * them, since the partner's client interprets them.
 */
public record PolicyDecision(String decisionId, boolean allow, String tenant, String policy, Long revision,
                             List<PolicyFinding> denials, List<PolicyFinding> warnings, List<PolicyFinding> dryrun,
                             JsonArray obligations, List<PolicyFinding> errors) {

    /**
     * Reads the body of a 200 answer of {@code POST /v1/data/trustfabric/decision/result}. Fails closed: no
     * {@code result} (undefined), no boolean {@code allow}, no {@code decision_id} or a malformed list is a
     * {@link PolicyUnavailableException}.
     */
    public static PolicyDecision parse(String body) {
        JsonObject answer;
        try {
            answer = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new PolicyUnavailableException("OPA's answer is not a JSON object");
        }
        if (!(answer.getValue("result") instanceof JsonObject result)) {
            throw new PolicyUnavailableException(answer.containsKey("result")
                    ? "OPA's result is not an object" : "OPA's decision is undefined (no bundle or no rule matched)");
        }
        if (!(result.getValue("allow") instanceof Boolean allow)) {
            throw new PolicyUnavailableException("OPA's result has no boolean 'allow'");
        }
        if (!(answer.getValue("decision_id") instanceof String decisionId) || decisionId.isBlank()) {
            throw new PolicyUnavailableException("OPA's answer has no decision_id (decision logging is off)");
        }
        Object obligations = result.getValue("obligations");
        if (obligations != null && !(obligations instanceof JsonArray)) {
            throw new PolicyUnavailableException("OPA's result has malformed 'obligations'");
        }
        Object revision = result.getValue("revision");
        return new PolicyDecision(decisionId, allow, text(result.getValue("tenant")), text(result.getValue("policy")),
                revision instanceof Number n ? n.longValue() : null,
                findings(result, "denials"), findings(result, "warnings"), findings(result, "dryrun"),
                obligations == null ? new JsonArray() : (JsonArray) obligations, findings(result, "errors"));
    }

    /** Allowed only when OPA says so and nothing denies or failed (a result contradicting itself is a denial). */
    public boolean allowed() {
        return allow && denials.isEmpty() && errors.isEmpty();
    }

    /** What the 403 body lists: the enforced denials, then the errors. */
    public List<PolicyFinding> refusals() {
        List<PolicyFinding> all = new ArrayList<>(denials);
        all.addAll(errors);
        return List.copyOf(all);
    }

    /** {@code <tenant>@<revision>}, with {@code fallbackTenant} when OPA named none. */
    public String revisionLabel(String fallbackTenant) {
        return (tenant == null ? fallbackTenant : tenant) + "@" + (revision == null ? "unknown" : revision);
    }

    private static List<PolicyFinding> findings(JsonObject result, String field) {
        Object value = result.getValue(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new PolicyUnavailableException("OPA's result has malformed '" + field + "'");
        }
        List<PolicyFinding> findings = new ArrayList<>(array.size());
        array.forEach(entry -> findings.add(PolicyFinding.from(entry)));
        return List.copyOf(findings);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
