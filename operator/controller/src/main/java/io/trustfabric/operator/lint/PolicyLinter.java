package io.trustfabric.operator.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.policy.TenantPolicyCompiler;
import java.util.List;
import java.util.Optional;

/**
 * The one linter behind the admission webhook, the reconcilers' status.findings and {@code tfctl lint}: checks
 * trustfabric.io objects beyond what their CRD schema can say. Every finding has a stable {@link FindingCode}, a
 * severity, the field path and, where one change clearly fixes it, a JSON Patch quick fix.
 */
public final class PolicyLinter {

    public static final String API_GROUP = "trustfabric.io";
    /** How long a rule may stay in dryrun unless the operator is told otherwise. */
    public static final java.time.Duration DEFAULT_DRYRUN_MAX_AGE = java.time.Duration.ofDays(14);

    private final LintEnvironment environment;

    public PolicyLinter(LintEnvironment environment) {
        this.environment = environment;
    }

    /** Lints a new object (any kind; kinds without checks yield nothing). */
    public List<PolicyFinding> lint(JsonNode object) {
        return lint(object, null);
    }

    /**
     * Lints a TrustPolicy as the API server stored it, whose compilation the caller (the reconciler) already holds:
     * the compiler's findings are taken from {@code compiled}, not computed again, and the typed object is not read
     * back from JSON (it cannot carry unknown fields).
     */
    public List<PolicyFinding> lint(TrustPolicy policy, TenantPolicyCompiler.Compiled compiled) {
        Findings findings = new Findings();
        new TrustPolicyChecks(environment).check(policy, null, compiled, findings);
        return findings.sorted();
    }

    /** Lints an object; {@code stored} is the object it replaces on an update, null on create. */
    public List<PolicyFinding> lint(JsonNode object, JsonNode stored) {
        Findings findings = new Findings();
        if (object == null || !object.isObject() || !object.path("apiVersion").asText("").startsWith(API_GROUP + "/")) {
            return List.of();
        }
        switch (object.path("kind").asText("")) {
            case "TrustPolicy" -> ObjectReader.read(object, TrustPolicy.class, findings).ifPresent(policy ->
                    new TrustPolicyChecks(environment).check(policy, quietly(stored, TrustPolicy.class), null,
                            findings));
            case "PolicyMacro" -> ObjectReader.read(object, PolicyMacro.class, findings).ifPresent(macro ->
                    new PolicyMacroChecks().check(macro, quietly(stored, PolicyMacro.class), findings));
            case "PrivacyBudget" -> ObjectReader.read(object, PrivacyBudget.class, findings).ifPresent(budget ->
                    new PrivacyBudgetChecks(environment).check(budget, findings));
            case "PartnerAllowlist" -> ObjectReader.read(object, PartnerAllowlist.class, findings).ifPresent(list ->
                    new PartnerAllowlistChecks(environment).check(list, findings));
            default -> { }
        }
        return findings.sorted();
    }

    private static <T> T quietly(JsonNode stored, Class<T> type) {
        if (stored == null || !stored.isObject()) {
            return null;
        }
        return ObjectReader.read(stored, type, new Findings()).orElse(null);
    }

    /** The kinds with checks; other trustfabric.io kinds lint clean. */
    public static Optional<String> checked(String kind) {
        return List.of("TrustPolicy", "PolicyMacro", "PrivacyBudget", "PartnerAllowlist").contains(kind)
                ? Optional.of(kind) : Optional.empty();
    }
}
