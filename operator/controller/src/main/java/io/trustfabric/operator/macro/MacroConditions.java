package io.trustfabric.operator.macro;

/** Condition and reasons a PolicyMacro's status carries. */
public final class MacroConditions {

    public static final String ACCEPTED = "Accepted";

    /** Built into the operator; its Rego tests ran with coverage in the operator's own build. */
    public static final String REASON_BUILT_IN = "BuiltIn";
    public static final String REASON_CHECKED = "Checked";
    public static final String REASON_FINDINGS = "InvalidMacro";
    public static final String REASON_IMMUTABLE = "VersionImmutable";
    public static final String REASON_BUILT_IN_RESTORED = "BuiltInRestored";
    public static final String REASON_ENGINE_UNAVAILABLE = "PolicyEngineUnavailable";
    /** Event reason: a deleted version stays while TrustPolicies use it. */
    public static final String REASON_IN_USE = "MacroInUse";

    private MacroConditions() {
    }
}
