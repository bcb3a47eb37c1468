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
        status.putArray("findings").addObject().put("severity", "info").put("path", "rules[2]")
                .put("message", "warn only").put("fix", "set enforcementAction: enforce");
        ObjectNode change = status.putArray("timeline").addObject().put("revision", 3).put("at", "2026-12-01T10:00:00Z")
                .put("by", "alice").put("impact", "2 partners affected");
        change.putArray("changes").add("rules[0].with.allowedRegions += eu-central-1");
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
