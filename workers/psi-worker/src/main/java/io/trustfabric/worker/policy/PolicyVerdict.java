package io.trustfabric.worker.policy;

/**
 * How the policy gate settled one query. {@code decision} is OPA's (ALLOWED, DENIED), null otherwise;
 * {@code detail} says why for UNAVAILABLE and UNCHECKED.
 */
public record PolicyVerdict(Kind kind, PolicyDecision decision, String detail) {

    public enum Kind {
        /** OPA allowed it (possibly with warnings and obligations). */
        ALLOWED("allowed"),
        /** OPA denied it: an enforced rule or an error. */
        DENIED("denied"),
        /** No usable decision: refused, fail closed. */
        UNAVAILABLE("unavailable"),
        /** No policy engine and no TrustPolicy: answered with a warning (local mode). */
        UNCHECKED("unchecked");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The {@code outcome} of the metrics and the audit line. */
        public String label() {
            return label;
        }
    }

    public static PolicyVerdict decided(PolicyDecision decision) {
        return new PolicyVerdict(decision.allowed() ? Kind.ALLOWED : Kind.DENIED, decision, null);
    }

    public static PolicyVerdict unavailable(String detail) {
        return new PolicyVerdict(Kind.UNAVAILABLE, null, detail);
    }

    public static PolicyVerdict unchecked(String detail) {
        return new PolicyVerdict(Kind.UNCHECKED, null, detail);
    }
}
