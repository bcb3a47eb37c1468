package io.trustfabric.api.validation;

/**
 * One reason an object fails its CRD's validation, as the API server reports it: the field path ({@code
 * spec.modes[0]}; empty for the object itself), the kind of error and the message ({@code Unsupported value:
 * "psi-everything": supported values: "psi-ca", "psi"}).
 */
public record FieldViolation(String path, Type type, String message) {

    /** The API server's error types, with the reason it puts in a Status cause. */
    public enum Type {
        REQUIRED("FieldValueRequired"),
        NOT_SUPPORTED("FieldValueNotSupported"),
        INVALID("FieldValueInvalid"),
        TYPE_INVALID("FieldValueTypeInvalid"),
        TOO_LONG("FieldValueTooLong"),
        TOO_MANY("FieldValueTooMany");

        private final String causeReason;

        Type(String causeReason) {
            this.causeReason = causeReason;
        }

        /** The reason of a Status cause ({@code FieldValueNotSupported}). */
        public String causeReason() {
            return causeReason;
        }
    }

    /** The field as the API server names it in a Status cause and its message: the path, {@code <nil>} for the root. */
    public String field() {
        return path.isEmpty() ? "<nil>" : path;
    }

    /** Whether the API server skips the CEL rules after this violation (it bounds their cost or input). */
    public boolean blocksCelRules() {
        return type == Type.REQUIRED || type == Type.NOT_SUPPORTED || type == Type.TOO_LONG || type == Type.TOO_MANY
                || type == Type.TYPE_INVALID;
    }

    /** {@code spec.modes[0]: Unsupported value: "psi-everything": supported values: "psi-ca", "psi"}. */
    @Override
    public String toString() {
        return field() + ": " + message;
    }
}
