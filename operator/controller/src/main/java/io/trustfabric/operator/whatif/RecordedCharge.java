package io.trustfabric.operator.whatif;

import io.trustfabric.operator.policy.decisions.DecisionRecord;
import java.time.Instant;

/**
 * An allowed query of the decision log that drew on a budget: what the ledger charged for it.
 *
 * @param mode     the query mode ({@code psi-ca} or {@code psi}); empty when the decision input had none
 * @param elements the partner's client set size ({@code input.query.setSize}), for per-element costs
 */
public record RecordedCharge(String decisionId, Instant at, String partner, String mode, long elements) {

    /** The charge of an allowed decision, from its reduced input. */
    public static RecordedCharge of(DecisionRecord record) {
        var input = record.input();
        return new RecordedCharge(record.decisionId(), record.timestamp(), partner(record),
                input.path("query").path("mode").asText(""), Math.max(0, input.path("query").path("setSize").asLong(0)));
    }

    static String partner(DecisionRecord record) {
        return io.trustfabric.operator.policy.timeline.DecisionReplay.partner(record);
    }
}
