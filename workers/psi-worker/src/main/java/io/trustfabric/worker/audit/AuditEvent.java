package io.trustfabric.worker.audit;

/**
 * What the audit log records about one decision. {@code partner} is the authenticated partner id, or
 * {@code unauthenticated}; {@code elements} is the query's element count (0 if refused before the body
 * was read); {@code reason} is the problem's short name when refused, else null.
 */
public record AuditEvent(String requestId, String tenant, String partner, String mode, int elements,
                         boolean allowed, String reason, int status) {
    public static AuditEvent allowed(String requestId, String tenant, String partner, String mode, int elements) {
        return new AuditEvent(requestId, tenant, partner, mode, elements, true, null, 200);
    }

    public static AuditEvent refused(String requestId, String tenant, String partner, String mode, int elements,
                                     String reason, int status) {
        return new AuditEvent(requestId, tenant, partner, mode, elements, false, reason, status);
    }
}
