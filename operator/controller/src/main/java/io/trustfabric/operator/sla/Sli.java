package io.trustfabric.operator.sla;

import java.util.Set;

/**
 * The SLI shared with the chart's alert rules (docs/sla.md): requests of the histogram
 * {@code trustfabric_psi_request_duration_seconds}, BAD when the service failed them, excluded when the client hung
 * up, GOOD otherwise (answers and refusals that are the client's doing alike).
 */
public final class Sli {

    public static final String REQUEST_DURATION = "trustfabric_psi_request_duration_seconds";
    public static final String POLICY_DECISIONS = "trustfabric_psi_policy_decisions_total";
    public static final String DENIED = "denied";
    public static final Set<String> BAD_OUTCOMES = Set.of("internal", "not-ready", "overloaded", "budget-unavailable",
            "policy-unavailable", "allowlist-unavailable");
    public static final String CLIENT_CLOSED = "client-closed";
    /** The workers' request-duration bucket bounds in seconds (docs/worker-api.md), +Inf last. */
    public static final double[] LATENCY_BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
            10, Double.POSITIVE_INFINITY};

    /** How the SLI counts one request. */
    public enum RequestClass { GOOD, BAD, EXCLUDED }

    private Sli() {
    }

    public static RequestClass classify(String outcome) {
        if (CLIENT_CLOSED.equals(outcome)) {
            return RequestClass.EXCLUDED;
        }
        return outcome != null && BAD_OUTCOMES.contains(outcome) ? RequestClass.BAD : RequestClass.GOOD;
    }
}
