package io.trustfabric.operator.policy;

/** Conditions and reasons of a TrustPolicy, and the Tenant's PolicyReady reasons. */
public final class TrustPolicyConditions {

    public static final String COMPILED = "Compiled";
    public static final String READY = "Ready";

    public static final String REASON_COMPILED = "Compiled";
    public static final String REASON_INVALID_RULES = "InvalidRules";
    public static final String REASON_DUPLICATE = "DuplicatePolicy";
    public static final String REASON_PUBLISHED = "BundlePublished";
    public static final String REASON_PREVIOUS_IN_FORCE = "PreviousRevisionInForce";
    public static final String REASON_NOTHING_IN_FORCE = "NoRevisionInForce";
    public static final String REASON_TENANT_NOT_FOUND = "TenantNotFound";

    /** Tenant PolicyReady reasons. */
    public static final String REASON_DEFAULT_POLICY = "DefaultPolicy";
    public static final String REASON_POLICY_ENFORCED = "PolicyEnforced";
    public static final String REASON_POLICY_NOT_READY = "PolicyNotReady";

    private TrustPolicyConditions() {
    }
}
