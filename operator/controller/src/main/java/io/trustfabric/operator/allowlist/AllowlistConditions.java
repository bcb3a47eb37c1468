package io.trustfabric.operator.allowlist;

/** Condition types and reasons the operator writes on a PartnerAllowlist (documented in docs/partner-onboarding.md). */
public final class AllowlistConditions {

    public static final String READY = "Ready";
    public static final String CREDENTIALS_RESOLVED = "CredentialsResolved";
    public static final String PARTNERS_UNIQUE = "PartnersUnique";

    // Ready
    public static final String REASON_APPLIED = "Applied";
    public static final String REASON_TENANT_NOT_FOUND = "TenantNotFound";
    public static final String REASON_PARTNERS_REFUSED = "PartnersRefused";

    // CredentialsResolved
    public static final String REASON_ALL_CREDENTIALS_FOUND = "AllCredentialsFound";

    // PartnersUnique
    public static final String REASON_NO_DUPLICATES = "NoDuplicatePartners";

    private AllowlistConditions() {
    }
}
