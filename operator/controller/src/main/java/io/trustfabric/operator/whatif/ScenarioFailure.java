package io.trustfabric.operator.whatif;

/**
 * A replay that cannot finish. {@code reason} is the Completed condition's reason (a CamelCase word a human can act
 * on, e.g. NoRecordedTraffic, OpaUnavailable, CandidateNotReady); the message says what to do.
 */
public final class ScenarioFailure extends Exception {

    /** The reason of a run stopped by {@link ScenarioProgress#cancelled()}; never shown as a Failed phase. */
    public static final String CANCELLED = "Cancelled";

    private final String reason;

    public ScenarioFailure(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** What a runner throws when {@link ScenarioProgress#cancelled()} turned true. */
    public static ScenarioFailure cancelled() {
        return new ScenarioFailure(CANCELLED, "The run was cancelled: the scenario changed or was deleted.");
    }

    public String reason() {
        return reason;
    }
}
