package io.trustfabric.operator.whatif;

/**
 * A replay that cannot finish. {@code reason} is the Completed condition's reason (a CamelCase word a human can act
 * on, e.g. NoRecordedTraffic, OpaUnavailable, CandidateNotReady); the message says what to do.
 */
public final class ScenarioFailure extends Exception {

    private final String reason;

    public ScenarioFailure(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
