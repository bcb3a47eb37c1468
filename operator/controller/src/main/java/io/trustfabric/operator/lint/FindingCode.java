package io.trustfabric.operator.lint;

import io.trustfabric.api.v1alpha1.FindingSeverity;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every lint finding's stable code with its default severity. Codes never change meaning; a retired check keeps its
 * code unused. docs/authoring-policies.md lists them (a test keeps that list complete).
 */
public enum FindingCode {
    // reading the object
    INVALID_OBJECT("invalid-object", FindingSeverity.error, "The object cannot be read: a field has the wrong type."),
    MISSING_FIELD("missing-field", FindingSeverity.error, "A required field is missing."),
    UNKNOWN_FIELD("unknown-field", FindingSeverity.warning, "A field the kind does not have; the API server drops it."),
    // rules and their macros
    DUPLICATE_RULE_NAME("duplicate-rule-name", FindingSeverity.error, "Two rules of one policy share a name."),
    INVALID_MACRO_REF("invalid-macro-ref", FindingSeverity.error, "A rule's macro is not written name@vN."),
    UNKNOWN_MACRO("unknown-macro", FindingSeverity.error, "No PolicyMacro of that name exists."),
    UNKNOWN_MACRO_VERSION("unknown-macro-version", FindingSeverity.error, "The macro exists, but not in that version."),
    MACRO_NOT_ACCEPTED("macro-not-accepted", FindingSeverity.error, "The macro version was checked and refused."),
    MACRO_PENDING("macro-pending", FindingSeverity.warning, "The macro version has not been checked by the operator yet."),
    NEWER_MACRO_VERSION("newer-macro-version", FindingSeverity.info, "A newer version of the macro is available."),
    // arguments
    UNKNOWN_ARGUMENT("unknown-argument", FindingSeverity.error, "An argument the macro does not take."),
    MISSING_ARGUMENT("missing-argument", FindingSeverity.error, "A required argument of the macro is missing."),
    ARGUMENT_TYPE("argument-type", FindingSeverity.error, "An argument has the wrong type."),
    ARGUMENT_OUT_OF_RANGE("argument-out-of-range", FindingSeverity.error,
            "An argument is below the minimum, above the maximum, too long, or has too few or too many items."),
    ARGUMENT_NOT_ALLOWED("argument-not-allowed", FindingSeverity.error, "An argument is not one of the allowed values."),
    DUPLICATE_ITEM("duplicate-item", FindingSeverity.error, "A list argument names the same value twice."),
    // between rules, and risky settings
    SET_SIZE_MIN_ABOVE_MAX("set-size-min-above-max", FindingSeverity.error,
            "A set-size minimum above its maximum: every query is refused."),
    DISJOINT_RESIDENCY("disjoint-residency", FindingSeverity.error,
            "Enforced residency rules without a region in common: every query is refused."),
    MEMBERSHIP_PROBING("membership-probing", FindingSeverity.warning,
            "A set-size minimum below 10 lets a partner test single items for membership."),
    PSI_WITHOUT_CONTRACT_FLAG("psi-without-contract-flag", FindingSeverity.warning,
            "Mode psi (the intersection's items) is not gated by a contract flag."),
    OBLIGATION_NOT_ENFORCED("obligation-not-enforced", FindingSeverity.warning,
            "A k-threshold rule that is not enforced suppresses nothing."),
    INEFFECTIVE_RULE("ineffective-rule", FindingSeverity.warning, "A rule whose arguments make it decide nothing."),
    NO_ENFORCED_RULE("no-enforced-rule", FindingSeverity.warning, "No rule is enforced: the policy never refuses."),
    DRYRUN_TOO_LONG("dryrun-too-long", FindingSeverity.warning, "A rule has been in dryrun longer than allowed."),
    UNKNOWN_REGION("unknown-region", FindingSeverity.warning, "A region no known cloud provider has."),
    // other objects
    TENANT_NOT_FOUND("tenant-not-found", FindingSeverity.warning, "The Tenant named in tenantRef does not exist."),
    TENANT_ALREADY_GOVERNED("tenant-already-governed", FindingSeverity.error,
            "Another TrustPolicy already governs the tenant; only the oldest is used."),
    ZERO_COST("zero-cost", FindingSeverity.error, "A query cost of zero spends no privacy budget."),
    PARTNER_EXPIRED("partner-expired", FindingSeverity.info, "A partner's access has expired; its queries are refused."),
    // PolicyMacro
    MACRO_NAME_MISMATCH("macro-name-mismatch", FindingSeverity.error, "A PolicyMacro's name is not <macro>-v<version>."),
    MACRO_PACKAGE_MISMATCH("macro-package-mismatch", FindingSeverity.error,
            "The module's package is not trustfabric.macros[\"<macro>\"].v<version>."),
    MACRO_PARAMETER_SCHEMA("macro-parameter-schema", FindingSeverity.error, "A parameter's schema is not usable."),
    MACRO_NO_TESTS("macro-no-tests", FindingSeverity.warning, "The macro has no Rego tests."),
    MACRO_VERSION_IMMUTABLE("macro-version-immutable", FindingSeverity.error,
            "A published macro version was changed; a change is a new version."),
    MACRO_BUILT_IN_CHANGED("macro-built-in-changed", FindingSeverity.error,
            "A built-in macro version was changed; the operator restores it."),
    // found by the operator's OPA when it checks a PolicyMacro
    REGO_COMPILE_ERROR("rego-compile-error", FindingSeverity.error, "The module or its tests do not compile."),
    REGO_NO_DECISION("rego-no-decision", FindingSeverity.error, "The module defines neither deny nor obligations."),
    REGO_FORBIDDEN_CALL("rego-forbidden-call", FindingSeverity.error,
            "The module calls a built-in that reaches outside the decision input."),
    REGO_NON_DETERMINISTIC("rego-non-deterministic", FindingSeverity.warning,
            "The module calls a built-in whose result depends on when it runs."),
    REGO_TEST_FAILED("rego-test-failed", FindingSeverity.error, "A test of the macro failed.");

    private final String code;
    private final FindingSeverity severity;
    private final String summary;

    FindingCode(String code, FindingSeverity severity, String summary) {
        this.code = code;
        this.severity = severity;
        this.summary = summary;
    }

    public String code() {
        return code;
    }

    public FindingSeverity severity() {
        return severity;
    }

    public String summary() {
        return summary;
    }

    public static Optional<FindingCode> of(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
