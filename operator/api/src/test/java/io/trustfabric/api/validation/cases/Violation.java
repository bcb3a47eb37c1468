package io.trustfabric.api.validation.cases;

import io.trustfabric.api.validation.CrdObjectValidator;
import io.trustfabric.api.validation.FieldViolation;
import java.util.List;

/**
 * One refusal an invalid object must get: the field path as the API server names it ({@code spec.modes[1]};
 * empty for the object itself) and the part of the message both validators print ({@code Unsupported value:
 * "psi-all"}, {@code should match '...'}, or a CEL rule's message).
 */
public record Violation(String path, String message) {

    /** Messages of the schema checks after which the API server skips the CEL rules (see CrdObjectValidator). */
    private static final List<String> CEL_BLOCKING = List.of("Unsupported value:", "Required value", "Too long:",
            "must have at most", "must be of type");

    public static Violation at(String path, String message) {
        return new Violation(path, message);
    }

    /** The API server's note that it did not evaluate the CEL rules. */
    public static Violation celNotChecked() {
        return new Violation("", CrdObjectValidator.CEL_NOT_CHECKED);
    }

    /** Whether a violation CrdObjectValidator reports is this one: the same path, a message containing this one's. */
    public boolean matches(FieldViolation reported) {
        return path.equals(reported.path()) && reported.message().contains(message);
    }

    /** The field the API server names in the status cause. */
    public String serverField() {
        return path.isEmpty() ? "<nil>" : path;
    }

    public boolean blocksCelRules() {
        return CEL_BLOCKING.stream().anyMatch(message::startsWith);
    }

    @Override
    public String toString() {
        return serverField() + ": " + message;
    }
}
