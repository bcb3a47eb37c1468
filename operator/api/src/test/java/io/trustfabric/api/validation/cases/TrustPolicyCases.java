package io.trustfabric.api.validation.cases;

import static io.trustfabric.api.validation.cases.Edits.object;
import static io.trustfabric.api.validation.cases.InvalidCase.handWritten;
import static io.trustfabric.api.validation.cases.Violation.at;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.ApiPatterns;
import java.util.List;

final class TrustPolicyCases {

    static final ValidObject EXAMPLE = ValidObject.documented("TrustPolicy");

    static final ValidObject WITH_STATUS = EXAMPLE.with("with the status the operator writes", o -> {
        ObjectNode status = o.putObject("status");
        status.put("revision", 3).put("observedGeneration", 2);
        status.putObject("bundle").put("url", "http://trust-fabric-operator.trust:8080/bundles/acme-policy/3")
                .put("digest", "sha256:5d1c");
        ObjectNode finding = status.putArray("findings").addObject().put("code", "obligation-not-enforced")
                .put("severity", "warning").put("path", "spec.rules[2].enforcementAction")
                .put("message", "k-threshold in warn attaches no obligation").put("fix", "set enforcementAction: enforce");
        finding.putArray("quickFix").addObject().put("op", "replace").put("path", "/spec/rules/2/enforcementAction")
                .put("value", "enforce");
        status.withArray("findings").addObject().put("code", "unknown-argument").put("severity", "error")
                .put("path", "spec.rules[0].with.minSetSise").put("message", "unknown argument 'minSetSise'")
                .withArray("quickFix").addObject().put("op", "move").put("from", "/spec/rules/0/with/minSetSise")
                .put("path", "/spec/rules/0/with/minSetSize");
        ObjectNode change = status.putArray("timeline").addObject().put("revision", 3).put("at", "2026-12-01T10:00:00Z")
                .put("by", "alice").put("digest", "sha256:5d1c").put("impact", "2 partners affected").put("revertOf", 1);
        change.putArray("changes").add("rules[0].with.allowedRegions += eu-central-1");
        change.putObject("actions").put("us-only", "enforce").put("hide-small", "warn");
        change.putArray("minimization").add("+ mode psi (partners with contract flag psi-allowed)");
        ObjectNode replay = change.putObject("replay").put("replayed", 3400).put("window", "24h")
                .put("newlyDenied", 12).put("newlyAllowed", 0);
        replay.putArray("partners").add("globex=12");
        ObjectNode tally = status.putArray("dryrun").addObject().put("rule", "eu-only").put("since", "2026-11-20T08:00:00Z")
                .put("wouldDeny", 3).put("evaluated", 41200);
        tally.putArray("partners").add("initech=3");
        status.put("history", "acme-policy-policy-history");
        Conditions.addTrue(status, "Ready", "BundlePublished");
    });

    private TrustPolicyCases() {
    }

    static List<ValidObject> valid() {
        return List.of(WITH_STATUS, EXAMPLE.with("with rule arguments of any shape",
                o -> rule(o, 0).with("with").putObject("nested").putArray("deep").add(1).add("x")),
                EXAMPLE.with("with the most rules", o -> Edits.fillToMaxItems(o, "/spec/rules", "name")));
    }

    static List<InvalidCase> invalid() {
        return List.of(
                handWritten(EXAMPLE, "two rules with one name", o -> rule(o, 2).put("name", "eu-only"),
                        at("spec.rules", "rule names must be unique within the policy")),
                handWritten(EXAMPLE, "a macro reference without a version", o -> rule(o, 0).put("macro", "residency"),
                        at("spec.rules[0].macro", "should match '" + ApiPatterns.MACRO_REF + "'")),
                handWritten(EXAMPLE, "an unknown enforcement action", o -> rule(o, 0).put("enforcementAction", "audit"),
                        at("spec.rules[0].enforcementAction", "Unsupported value: \"audit\"")),
                Conditions.statusMustBeTrueFalseOrUnknown(WITH_STATUS));
    }

    private static ObjectNode rule(ObjectNode policy, int index) {
        return object(policy, "/spec/rules/" + index);
    }
}
