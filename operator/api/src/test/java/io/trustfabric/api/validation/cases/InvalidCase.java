package io.trustfabric.api.validation.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A valid object broken in one way and the refusals it must get. A hand-written case lists all of them (both
 * validators must report exactly these); a case generated from a schema constraint names only the one it
 * exercises (others may accompany it, e.g. a too long string that also misses a pattern).
 */
public record InvalidCase(String description, ValidObject base, Consumer<ObjectNode> breakIt, List<Violation> expected,
                          boolean exhaustive) {

    public static InvalidCase handWritten(ValidObject base, String description, Consumer<ObjectNode> breakIt,
                                          Violation... expected) {
        return new InvalidCase(description, base, breakIt, List.of(expected), true);
    }

    public static InvalidCase generated(ValidObject base, String description, Consumer<ObjectNode> breakIt,
                                        Violation expected) {
        return new InvalidCase(description, base, breakIt, List.of(expected), false);
    }

    public ObjectNode broken() {
        ObjectNode object = base.object();
        breakIt.accept(object);
        return object;
    }

    public String kind() {
        return base.kind();
    }

    /**
     * The violations a validator reports for a hand-written case: the expected ones and, when one of them keeps the
     * API server from evaluating CEL rules, its note saying so.
     */
    public List<Violation> reported() {
        List<Violation> reported = new ArrayList<>(expected);
        if (expected.stream().anyMatch(Violation::blocksCelRules)) {
            reported.add(Violation.celNotChecked());
        }
        return reported;
    }

    /** The case breaks only the status, which the API server takes through the status subresource alone. */
    public boolean breaksStatus() {
        return expected.stream().allMatch(v -> v.path().startsWith("status."));
    }

    @Override
    public String toString() {
        return kind() + ": " + description;
    }
}
