package io.trustfabric.operator.budget;

import java.util.Map;

/**
 * Why a lease call was refused, in the shape of the control API's problem documents (docs/control-api.md).
 * Thrown before anything is written, so a refusal never changes the budget.
 */
public final class LeaseRefusal extends RuntimeException {

    private final int status;
    private final String type;
    private final Map<String, Object> members;
    private final Long retryAfterSeconds;

    public LeaseRefusal(int status, String type, String detail, Map<String, Object> members, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.type = type;
        this.members = Map.copyOf(members);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static LeaseRefusal of(int status, String type, String detail) {
        return new LeaseRefusal(status, type, detail, Map.of(), null);
    }

    public static LeaseRefusal invalidRequest(String detail) {
        return of(400, "invalid-request", detail);
    }

    public static LeaseRefusal invalidReport(String detail) {
        return of(422, "invalid-report", detail);
    }

    public static LeaseRefusal unknownLease(String leaseId) {
        return of(404, "unknown-lease", "No live lease '" + leaseId + "' of this tenant; ask for a new lease.");
    }

    public static LeaseRefusal leaseExpired(String leaseId) {
        return of(410, "lease-expired", "Lease '" + leaseId + "' has expired and is counted as fully consumed;"
                + " ask for a new lease.");
    }

    public static LeaseRefusal busy(String detail) {
        return new LeaseRefusal(503, "budget-busy", detail, Map.of(), 1L);
    }

    public int status() {
        return status;
    }

    /** The problem type's short name, e.g. budget-exhausted. */
    public String type() {
        return type;
    }

    /** Extension members of the problem document, e.g. periodEnd. */
    public Map<String, Object> members() {
        return members;
    }

    /** Seconds for a Retry-After header, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
