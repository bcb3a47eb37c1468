package io.trustfabric.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.JsonPatchOperation;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.lint.DidYouMean;
import io.trustfabric.operator.lint.FieldPath;
import io.trustfabric.operator.lint.FindingCode;
import io.trustfabric.operator.lint.Findings;
import java.util.List;
import java.util.Optional;

/**
 * Turns a TrustPolicy into the tenant's bundle data: every rule's macro reference is resolved to an accepted macro
 * version and its arguments are type-checked against that version's parameters, defaults filled in. Arguments are
 * copied as JSON values into the data document; no text of theirs ever reaches a Rego module.
 * <p>
 * Any error finding, or a rule whose macro is still waiting for its check, means no data: the reconciler keeps the
 * previous revision in force. The linter ({@link io.trustfabric.operator.lint.PolicyLinter}) reports these findings
 * too, with the same codes.
 */
public final class TenantPolicyCompiler {

    public Compiled compile(TrustPolicy policy, MacroLookup macros) {
        Findings findings = new Findings();
        ArrayNode rules = JsonNodeFactory.instance.arrayNode();
        List<PolicyRule> specRules = policy.getSpec() == null || policy.getSpec().getRules() == null ? List.of()
                : policy.getSpec().getRules();
        boolean anyEnforced = false;
        boolean skipped = false;
        for (int i = 0; i < specRules.size(); i++) {
            PolicyRule rule = specRules.get(i);
            String path = "spec.rules[" + i + "]";
            EnforcementAction action = rule.getEnforcementAction() == null ? EnforcementAction.enforce
                    : rule.getEnforcementAction();
            anyEnforced |= action == EnforcementAction.enforce;
            Optional<MacroRef> ref = MacroRef.parse(rule.getMacro());
            if (ref.isEmpty()) {
                findings.add(FindingCode.INVALID_MACRO_REF, path + ".macro", "'" + rule.getMacro()
                        + "' is not a macro reference", "write it as name@vN, e.g. residency@v1");
                skipped = true;
                continue;
            }
            Optional<AcceptedMacro> macro = macros.accepted(ref.get());
            if (macro.isEmpty()) {
                unresolved(path + ".macro", ref.get(), macros, findings);
                skipped = true;
                continue;
            }
            ParameterSchema.Checked checked = macro.get().parameters().check(path + ".with", rule.getArguments());
            checked.violations().forEach(v -> violation(v, findings));
            if (!checked.ok()) {
                continue;
            }
            List<Integer> versions = macros.acceptedVersions(ref.get().macro());
            int newest = versions.isEmpty() ? ref.get().version() : versions.get(versions.size() - 1);
            if (newest > ref.get().version()) {
                String newer = ref.get().macro() + "@v" + newest;
                findings.add(FindingCode.NEWER_MACRO_VERSION, path + ".macro", ref.get() + " has a newer version, "
                                + newer, "read the macro's README and move to " + newer + " when it suits",
                        JsonPatchOperation.replace(FieldPath.pointer(path + ".macro"), TextNode.valueOf(newer)));
            }
            ObjectNode compiled = rules.addObject();
            compiled.put("action", action.name());
            compiled.put("macro", ref.get().macro());
            compiled.put("name", rule.getName());
            compiled.set("params", checked.params());
            compiled.put("ref", ref.get().toString());
            compiled.put("version", ref.get().versionKey());
        }
        if (!specRules.isEmpty() && !anyEnforced) {
            findings.add(FindingCode.NO_ENFORCED_RULE, "spec.rules", "no rule has enforcementAction "
                    + "enforce, so this policy never refuses a query", "set enforcementAction: enforce on the rules "
                    + "that must refuse, once their warnings look right");
        }
        boolean ok = !findings.hasErrors() && !skipped;
        return new Compiled(ok ? rules : null, findings.sorted());
    }

    private static void unresolved(String path, MacroRef ref, MacroLookup macros, Findings findings) {
        List<Integer> versions = macros.acceptedVersions(ref.macro());
        String pointer = FieldPath.pointer(path);
        if (macros.pending(ref)) {
            findings.add(FindingCode.MACRO_PENDING, path, "PolicyMacro " + ref.objectName() + " has not been checked"
                    + " by the operator yet; the policy compiles once it is accepted", "wait a few seconds, then look"
                    + " at the PolicyMacro's Accepted condition");
            return;
        }
        if (macros.exists(ref)) {
            findings.add(FindingCode.MACRO_NOT_ACCEPTED, path, "PolicyMacro " + ref.objectName()
                    + " is not accepted (see its status.findings)", versions.isEmpty() ? "fix the macro"
                    : "fix the macro, or use " + ref.macro() + "@v" + versions.get(versions.size() - 1));
            return;
        }
        if (!versions.isEmpty() || macros.names().contains(ref.macro())) {
            String newest = versions.isEmpty() ? null : ref.macro() + "@v" + versions.get(versions.size() - 1);
            findings.add(FindingCode.UNKNOWN_MACRO_VERSION, path, "macro '" + ref.macro() + "' has no version "
                            + ref.version() + (versions.isEmpty() ? "" : " (accepted: " + versions.stream()
                            .map(v -> ref.macro() + "@v" + v).toList() + ")"),
                    newest == null ? "apply the PolicyMacro " + ref.objectName() : "use " + newest,
                    newest == null ? new JsonPatchOperation[0]
                            : new JsonPatchOperation[] {JsonPatchOperation.replace(pointer, TextNode.valueOf(newest))});
            return;
        }
        Optional<String> meant = DidYouMean.closest(ref.macro(), macros.names());
        Optional<String> replacement = meant.flatMap(m -> {
            List<Integer> its = macros.acceptedVersions(m);
            return its.isEmpty() ? Optional.empty() : Optional.of(m + "@v" + its.get(its.size() - 1));
        });
        findings.add(FindingCode.UNKNOWN_MACRO, path, "no PolicyMacro publishes a macro named '" + ref.macro() + "'"
                        + meant.map(m -> "; did you mean '" + m + "'?").orElse(""),
                replacement.map(r -> "use " + r).orElse("apply the PolicyMacro " + ref.objectName()
                        + " or use a built-in macro (docs/policies.md lists them)"),
                replacement.map(r -> new JsonPatchOperation[] {JsonPatchOperation.replace(pointer, TextNode.valueOf(r))})
                        .orElse(new JsonPatchOperation[0]));
    }

    private static void violation(ParameterSchema.Violation v, Findings findings) {
        String pointer = FieldPath.pointer(v.path());
        JsonNode suggestion = v.suggestion();
        switch (v.kind()) {
            case UNKNOWN -> {
                if (suggestion != null) {
                    String target = pointer.substring(0, pointer.lastIndexOf('/') + 1) + suggestion.asText();
                    findings.add(FindingCode.UNKNOWN_ARGUMENT, v.path(), v.message(), "rename it to '"
                            + suggestion.asText() + "'", JsonPatchOperation.move(pointer, target));
                } else {
                    findings.add(FindingCode.UNKNOWN_ARGUMENT, v.path(), v.message(), v.fix(),
                            JsonPatchOperation.remove(pointer));
                }
            }
            case MISSING -> findings.add(FindingCode.MISSING_ARGUMENT, v.path(), v.message(), v.fix());
            case TYPE -> findings.add(FindingCode.ARGUMENT_TYPE, v.path(), v.message(), v.fix(), suggestion == null
                    ? new JsonPatchOperation[0] : new JsonPatchOperation[] {JsonPatchOperation.replace(pointer, suggestion)});
            case RANGE -> findings.add(FindingCode.ARGUMENT_OUT_OF_RANGE, v.path(), v.message(), v.fix(),
                    suggestion == null ? new JsonPatchOperation[0]
                            : new JsonPatchOperation[] {JsonPatchOperation.replace(pointer, suggestion)});
            case NOT_ALLOWED -> findings.add(FindingCode.ARGUMENT_NOT_ALLOWED, v.path(), v.message(), v.fix(),
                    suggestion == null ? new JsonPatchOperation[0]
                            : new JsonPatchOperation[] {JsonPatchOperation.replace(pointer, suggestion)});
            case DUPLICATE -> findings.add(FindingCode.DUPLICATE_ITEM, v.path(), v.message(), v.fix(),
                    JsonPatchOperation.remove(pointer));
        }
    }

    /** The compiled rules (null when an error finding stops the compilation) and every finding. */
    public record Compiled(ArrayNode rules, List<PolicyFinding> findings) {
        public boolean ok() {
            return rules != null;
        }
    }
}
