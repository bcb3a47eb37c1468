package io.trustfabric.worker.policy;

import io.vertx.core.json.JsonObject;

/**
 * One entry of a decision's {@code denials}, {@code warnings}, {@code dryrun} or {@code errors}: which rule (and
 * macro) found what. Any field OPA left out is null.
 */
public record PolicyFinding(String rule, String macro, String action, String code, String message) {

    static PolicyFinding from(Object value) {
        if (!(value instanceof JsonObject json)) {
            throw new PolicyUnavailableException("a finding is not an object: " + value);
        }
        return new PolicyFinding(text(json, "rule"), text(json, "macro"), text(json, "action"), text(json, "code"),
                text(json, "message"));
    }

    private static String text(JsonObject json, String field) {
        Object value = json.getValue(field);
        return value == null ? null : value.toString();
    }

    /** As the 403 body's {@code denials} and the audit line carry it: rule, macro, code, message. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        putIfSet(json, "rule", rule);
        putIfSet(json, "macro", macro);
        putIfSet(json, "code", code);
        putIfSet(json, "message", message);
        return json;
    }

    /** What a {@code Warning} header says: {@code <rule>: <message>} (the code stands in for a missing rule). */
    public String summary() {
        String who = rule != null ? rule : code != null ? code : "policy";
        return message == null ? who : who + ": " + message;
    }

    private static void putIfSet(JsonObject json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
