package io.trustfabric.worker.audit;

import io.trustfabric.worker.policy.PolicyFinding;
import java.util.List;

/**
 * What the audit log records about one decision. {@code partner} is the authenticated partner id, or
 * {@code unauthenticated}; {@code elements} is the query's element count (0 if refused before the body
 * was read); {@code reason} is the problem's short name when refused, else null; {@code policy} is the
 * policy stage's verdict, null when the query was refused before it.
 */
public record AuditEvent(String requestId, String tenant, String partner, String mode, int elements,
                         boolean allowed, String reason, int status, Policy policy) {

    /**
     * The policy verdict: {@code outcome} (allowed, denied, unavailable, unchecked), OPA's decision id and the
     * {@code <tenant>@<revision>} it was made under (both null without a decision), and the {@code dryrun}
     * findings, which are recorded here and nowhere else.
     */
    public record Policy(String outcome, String decisionId, String revision, List<PolicyFinding> dryrun) {
    }

    public static AuditEvent allowed(String requestId, String tenant, String partner, String mode, int elements) {
        return new AuditEvent(requestId, tenant, partner, mode, elements, true, null, 200, null);
    }

    public static AuditEvent refused(String requestId, String tenant, String partner, String mode, int elements,
                                     String reason, int status) {
        return new AuditEvent(requestId, tenant, partner, mode, elements, false, reason, status, null);
    }

    /**
     * The client hung up before it could be answered ({@code reason} {@code client-closed}): neither allowed nor
     * refused, no status (nothing was sent).
     */
    public static AuditEvent aborted(String requestId, String tenant, String partner, String mode, int elements,
                                     String reason) {
        return new AuditEvent(requestId, tenant, partner, mode, elements, false, reason, 0, null);
    }

    /** True for {@link #aborted}: no answer was sent. */
    public boolean isAborted() {
        return !allowed && status == 0;
    }

    public AuditEvent withPolicy(Policy verdict) {
        return new AuditEvent(requestId, tenant, partner, mode, elements, allowed, reason, status, verdict);
    }
}
