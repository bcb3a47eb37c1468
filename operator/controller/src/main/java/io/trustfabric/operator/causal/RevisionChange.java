package io.trustfabric.operator.causal;

import io.trustfabric.api.v1alpha1.RevisionSet;
import java.time.Instant;
import java.util.List;

/**
 * One change of a tenant's revisions in force, as the journal keeps it.
 *
 * @param sequence  the journal's number of the change (grows by one per change)
 * @param at        when the operator saw the new revisions take effect (ISO-8601)
 * @param fromId    id of the set before, null for the first set recorded
 * @param toId      id of the set after
 * @param revisions the set after
 * @param parts     what changed, in {@link RevisionPart} order
 */
public record RevisionChange(long sequence, String at, String fromId, String toId, RevisionSet revisions,
                             List<PartChange> parts) {

    public RevisionChange {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public Instant time() {
        return Instant.parse(at);
    }

    /**
     * One part of a change.
     *
     * @param part    the {@link RevisionPart#key()}
     * @param from    its value before (null: none)
     * @param to      its value after (null: none)
     * @param details what changed in words (rule diff, image tags, settings, allowlist entries, budget settings)
     * @param next    the object to look at next, as a command
     */
    public record PartChange(String part, String from, String to, List<String> details, String next) {
        public PartChange {
            details = details == null ? List.of() : List.copyOf(details);
        }
    }
}
