package io.trustfabric.api.validation.cases;

import static io.trustfabric.api.validation.cases.Edits.spec;
import static io.trustfabric.api.validation.cases.InvalidCase.handWritten;
import static io.trustfabric.api.validation.cases.Violation.at;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

final class PolicyMacroCases {

    static final ValidObject EXAMPLE = ValidObject.documented("PolicyMacro");

    static final String NAMED_AFTER_MACRO_AND_VERSION = "a PolicyMacro must be named <spec.macro>-v<spec.version>"
            + " (e.g. residency-v1), so each macro version exists once";

    static final ValidObject WITH_STATUS = EXAMPLE.with("with the status the operator writes", o -> {
        ObjectNode status = o.putObject("status");
        status.put("accepted", true).put("observedGeneration", 1);
        ObjectNode finding = status.putArray("findings").addObject().put("code", "macro-package-mismatch")
                .put("severity", "error").put("path", "spec.rego").put("message", "the module's package is x")
                .put("fix", "change the package line");
        finding.putArray("quickFix").addObject().put("op", "move").put("from", "/spec/a").put("path", "/spec/b");
        Conditions.addTrue(status, "Accepted", "Compiled");
    });

    private PolicyMacroCases() {
    }

    static List<ValidObject> valid() {
        return List.of(WITH_STATUS, EXAMPLE.with("of version 2", o -> {
            o.with("metadata").put("name", "min-set-v2");
            spec(o).put("version", 2);
        }));
    }

    static List<InvalidCase> invalid() {
        return List.of(
                handWritten(EXAMPLE, "version 0", o -> spec(o).put("version", 0),
                        at("spec.version", "should be greater than or equal to 1"), at("", NAMED_AFTER_MACRO_AND_VERSION)),
                handWritten(EXAMPLE, "a version its name does not carry", o -> spec(o).put("version", 2),
                        at("", NAMED_AFTER_MACRO_AND_VERSION)),
                handWritten(EXAMPLE, "a name of another version", o -> o.with("metadata").put("name", "min-set-v7"),
                        at("", NAMED_AFTER_MACRO_AND_VERSION)),
                handWritten(EXAMPLE, "a name of another macro", o -> o.with("metadata").put("name", "max-set-v1"),
                        at("", NAMED_AFTER_MACRO_AND_VERSION)),
                Conditions.statusMustBeTrueFalseOrUnknown(WITH_STATUS));
    }
}
