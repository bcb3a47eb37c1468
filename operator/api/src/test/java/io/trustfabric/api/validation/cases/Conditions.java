package io.trustfabric.api.validation.cases;

import static io.trustfabric.api.validation.cases.Edits.object;
import static io.trustfabric.api.validation.cases.Violation.at;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The status conditions every kind carries, as the operator writes them, and the rule they share. */
final class Conditions {

    private Conditions() {
    }

    /** Adds a True condition of the type with every field set. */
    static void addTrue(ObjectNode status, String type, String reason) {
        status.withArray("conditions").addObject().put("type", type).put("status", "True").put("reason", reason)
                .put("message", type + " since the last reconcile").put("lastTransitionTime", "2026-12-01T10:00:00Z")
                .put("observedGeneration", 1);
    }

    static InvalidCase statusMustBeTrueFalseOrUnknown(ValidObject withConditions) {
        return InvalidCase.handWritten(withConditions, "a condition status other than True, False or Unknown",
                o -> object(o, "/status/conditions/0").put("status", "Maybe"),
                at("status.conditions[0].status", "status must be True, False or Unknown"));
    }
}
