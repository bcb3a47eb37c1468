package io.trustfabric.operator.reading;

/**
 * One part of a stored object the operator's Java model could not read: a value no enum of this version knows, a
 * field it does not know, or a value of the wrong type. The object is still read; the part is left out.
 *
 * @param kind    what kind of problem
 * @param path    where, as a field path from the object's root ({@code spec.modes[0]})
 * @param detail  what was found and what would be accepted, as a sentence fragment
 */
public record ReadProblem(Kind kind, String path, String detail) {

    /** The kinds of problems, each with the condition reason it is reported with. */
    public enum Kind {
        /** A value this version's enum does not have (for example written by a newer operator). */
        UNKNOWN_VALUE("UnknownValue"),
        /** A field this version's model does not have (a misspelling, or a field of a newer version). */
        UNKNOWN_FIELD("UnknownField"),
        /** A value of the wrong JSON type or format (a string where a number belongs). */
        INVALID_VALUE("InvalidValue");

        private final String reason;

        Kind(String reason) {
            this.reason = reason;
        }

        /** The CamelCase reason of the Ready condition and the Warning Event. */
        public String reason() {
            return reason;
        }
    }

    /** True for a problem in the status, which the operator writes itself and does not stop for. */
    public boolean inStatus() {
        return path.equals("status") || path.startsWith("status.") || path.startsWith("status[");
    }

    /** "spec.modes[0]: unknown value "psi-everything" (supported: psi-ca, psi)". */
    public String describe() {
        return path + ": " + detail;
    }
}
