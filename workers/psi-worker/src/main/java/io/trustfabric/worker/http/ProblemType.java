package io.trustfabric.worker.http;

/**
 * The stable problem types of the worker API (RFC 9457). The URI never changes for a given kind of
 * error, so partners can branch on it; the short name is also the {@code outcome} metric label.
 */
public enum ProblemType {
    MALFORMED("malformed", 400, "Malformed request"),
    BAD_POINT("bad-point", 400, "Not a valid group element"),
    DUPLICATE_ELEMENTS("duplicate-elements", 400, "Duplicate elements in the query"),
    UNKNOWN_CREDENTIALS("unknown-credentials", 401, "Unknown credentials"),
    TENANT_NOT_ENABLED("tenant-not-enabled", 403, "Tenant not enabled"),
    PARTNER_EXPIRED("partner-expired", 403, "Partner expired"),
    MODE_NOT_ALLOWED("mode-not-allowed", 403, "Mode not allowed for this partner"),
    MODE_NOT_SERVED("mode-not-served", 403, "Mode not served"),
    NO_BUDGET("no-budget", 403, "No privacy budget"),
    POLICY_DENIED("policy-denied", 403, "Denied by the tenant's policy"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    STALE_KEY_EPOCH("stale-key-epoch", 409, "Stale key epoch"),
    TOO_LARGE("too-large", 413, "Request too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    RATE_LIMITED("rate-limited", 429, "Rate limit exceeded"),
    OVERLOADED("overloaded", 429, "Worker overloaded"),
    BUDGET_EXHAUSTED("budget-exhausted", 429, "Privacy budget exhausted"),
    INTERNAL("internal", 500, "Internal error"),
    NOT_READY("not-ready", 503, "Worker not ready"),
    ALLOWLIST_UNAVAILABLE("allowlist-unavailable", 503, "Partner allowlist not loaded"),
    BUDGET_UNAVAILABLE("budget-unavailable", 503, "Privacy budget unavailable"),
    POLICY_UNAVAILABLE("policy-unavailable", 503, "Policy decision unavailable");

    public static final String BASE_URI = "https://trustfabric.io/problems/";

    private final String shortName;
    private final int status;
    private final String title;

    ProblemType(String shortName, int status, String title) {
        this.shortName = shortName;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return BASE_URI + shortName;
    }

    public String shortName() {
        return shortName;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
