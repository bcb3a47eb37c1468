package io.trustfabric.operator.causal;

import io.trustfabric.api.v1alpha1.RevisionSet;
import java.time.Instant;
import java.util.List;

/**
 * Something that moved: a metric that shifted or a Tenant condition that flipped, with its candidate causes ranked.
 *
 * @param sequence    the journal's number of the effect
 * @param kind        {@value #METRIC} or {@value #CONDITION}
 * @param subject     the metric key or the condition type
 * @param from        the level before (a number, or the condition's status and reason)
 * @param to          the level after
 * @param words       the effect in one sentence ("p95-latency-ms rose from 12 to 85")
 * @param start       start of the window the shift began in, or the condition's transition time
 * @param end         end of that window (equal to start for a condition)
 * @param revisions   the revisions in force at the start
 * @param revisionsId their id
 * @param causes      candidate causes, best first; empty when no revision changed in the lookback
 */
public record Effect(long sequence, String kind, String subject, String from, String to, String words, String start,
                     String end, RevisionSet revisions, String revisionsId, List<Cause> causes) {

    public static final String METRIC = "metric";
    public static final String CONDITION = "condition";

    public Effect {
        causes = causes == null ? List.of() : List.copyOf(causes);
    }

    public Instant startTime() {
        return Instant.parse(start);
    }

    public Effect numbered(long number) {
        return new Effect(number, kind, subject, from, to, words, start, end, revisions, revisionsId, causes);
    }

    /**
     * A revision change that may have caused an effect.
     *
     * @param rank           1 for the best aligned
     * @param change         the journal's number of the revision change
     * @param part           the {@link RevisionPart#key()} that changed
     * @param from           its value before
     * @param to             its value after
     * @param at             when it took effect
     * @param secondsBefore  seconds from the change to the effect's start (negative: during the first window)
     * @param windowsBefore  the alignment bucket the ranking used (see docs/drill-down.md)
     * @param relevance      the part's relevance weight for the effect's metric or condition
     * @param details        what changed in words
     * @param next           the object to look at next
     */
    public record Cause(int rank, long change, String part, String from, String to, String at, long secondsBefore,
                        long windowsBefore, int relevance, List<String> details, String next) {
        public Cause {
            details = details == null ? List.of() : List.copyOf(details);
        }
    }
}
