package io.trustfabric.operator.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a TrustPolicy into the tenant's bundle data: every rule's macro reference is resolved to an accepted macro
 * version and its arguments are type-checked against that version's parameters, defaults filled in. Arguments are
 * copied as JSON values into the data document; no text of theirs ever reaches a Rego module.
 * <p>
 * Any error finding means no data: the reconciler keeps the previous revision in force.
 */
public final class TenantPolicyCompiler {

    public Compiled compile(TrustPolicy policy, MacroLookup macros) {
        List<PolicyFinding> findings = new ArrayList<>();
        ArrayNode rules = JsonNodeFactory.instance.arrayNode();
        List<PolicyRule> specRules = policy.getSpec() == null || policy.getSpec().getRules() == null ? List.of()
                : policy.getSpec().getRules();
        boolean anyEnforced = false;
        for (int i = 0; i < specRules.size(); i++) {
            PolicyRule rule = specRules.get(i);
            String path = "spec.rules[" + i + "]";
            EnforcementAction action = rule.getEnforcementAction() == null ? EnforcementAction.enforce
                    : rule.getEnforcementAction();
            anyEnforced |= action == EnforcementAction.enforce;
            Optional<MacroRef> ref = MacroRef.parse(rule.getMacro());
            if (ref.isEmpty()) {
                findings.add(error(path + ".macro", "'" + rule.getMacro() + "' is not a macro reference",
                        "write it as name@vN, e.g. residency@v1"));
                continue;
            }
            Optional<AcceptedMacro> macro = macros.accepted(ref.get());
            if (macro.isEmpty()) {
                findings.add(unresolved(path + ".macro", ref.get(), macros));
                continue;
            }
            ParameterSchema.Checked checked = macro.get().parameters().check(path + ".with", rule.getArguments());
            checked.violations().forEach(v -> findings.add(error(v.path(), v.message(), v.fix())));
            if (!checked.ok()) {
                continue;
            }
            List<Integer> versions = macros.acceptedVersions(ref.get().macro());
            int newest = versions.isEmpty() ? ref.get().version() : versions.get(versions.size() - 1);
            if (newest > ref.get().version()) {
                findings.add(new PolicyFinding(FindingSeverity.info, path + ".macro", ref.get() + " has a newer version, "
                        + ref.get().macro() + "@v" + newest, "read the macro's README and move to "
                        + ref.get().macro() + "@v" + newest + " when it suits"));
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
            findings.add(new PolicyFinding(FindingSeverity.warning, "spec.rules", "no rule has enforcementAction "
                    + "enforce, so this policy never refuses a query", "set enforcementAction: enforce on the rules "
                    + "that must refuse, once their warnings look right"));
        }
        boolean ok = findings.stream().noneMatch(f -> f.getSeverity() == FindingSeverity.error);
        return new Compiled(ok ? rules : null, findings);
    }

    private static PolicyFinding unresolved(String path, MacroRef ref, MacroLookup macros) {
        List<Integer> versions = macros.acceptedVersions(ref.macro());
        String available = versions.isEmpty() ? "no version of '" + ref.macro() + "' is accepted"
                : "accepted versions: " + versions.stream().map(v -> ref.macro() + "@v" + v).toList();
        if (macros.exists(ref)) {
            return error(path, "PolicyMacro " + ref.objectName() + " is not accepted (see its status)",
                    "fix the macro, or use another version; " + available);
        }
        return error(path, "no PolicyMacro publishes " + ref + " (object " + ref.objectName() + " not found)",
                versions.isEmpty() ? "apply the PolicyMacro " + ref.objectName() + " or use a built-in macro"
                        : "use one of the " + available.substring("accepted versions: ".length()));
    }

    static PolicyFinding error(String path, String message, String fix) {
        return new PolicyFinding(FindingSeverity.error, path, message, fix);
    }

    /** The compiled rules (null when an error finding stops the compilation) and every finding. */
    public record Compiled(ArrayNode rules, List<PolicyFinding> findings) {
        public boolean ok() {
            return rules != null;
        }
    }
}
