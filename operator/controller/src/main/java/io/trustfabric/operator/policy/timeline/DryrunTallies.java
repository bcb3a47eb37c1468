package io.trustfabric.operator.policy.timeline;

import io.trustfabric.api.v1alpha1.DryrunTally;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.PolicyRevision;
import io.trustfabric.operator.policy.decisions.DecisionRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule in dryrun would have done, from the decision log: since the rule entered dryrun (the oldest of the
 * newest revisions that all had it in dryrun), the recorded decisions of this policy's revisions since then that
 * evaluated it, and those whose {@code dryrun} findings name it (an unapplied obligation is not a denial).
 */
final class DryrunTallies {

    static final String OBLIGATION_NOT_APPLIED = "obligation-not-applied";

    private DryrunTallies() {
    }

    /** When a rule entered dryrun: the revision and its time. */
    record Since(long revision, Instant at) {
    }

    /**
     * The oldest entry of the newest run of entries (newest first) that have the rule in dryrun; empty when the newest
     * does not. {@code exhausted} tells whether the run reached the end of the list (an older list may extend it).
     */
    record Run(Optional<Since> since, boolean exhausted) {
    }

    static Run since(String rule, List<PolicyRevision> newestFirst) {
        Since since = null;
        for (PolicyRevision entry : newestFirst) {
            if (entry.getActions() == null || entry.getActions().get(rule) != EnforcementAction.dryrun
                    || entry.getRevision() == null) {
                return new Run(Optional.ofNullable(since), false);
            }
            Instant at = parse(entry.getAt());
            if (at == null) {
                return new Run(Optional.ofNullable(since), false);
            }
            since = new Since(entry.getRevision(), at);
        }
        return new Run(Optional.ofNullable(since), true);
    }

    /**
     * @param policy  the policy as decisions name it ({@code namespace/name})
     * @param records the tenant's recorded decisions since {@code since.at()}
     */
    static DryrunTally tally(String policy, String rule, Since since, List<DecisionRecord> records) {
        long evaluated = 0;
        long wouldDeny = 0;
        Map<String, Long> partners = new LinkedHashMap<>();
        for (DecisionRecord record : records) {
            DecisionRecord.Outcome outcome = record.outcome();
            if (outcome.allow() == null || outcome.revision() == null || outcome.revision() < since.revision()
                    || !Objects.equals(policy, outcome.policy()) || record.timestamp().isBefore(since.at())) {
                continue;
            }
            evaluated++;
            boolean denies = outcome.dryrun().stream().anyMatch(f -> rule.equals(f.rule())
                    && !OBLIGATION_NOT_APPLIED.equals(f.code()));
            if (denies) {
                wouldDeny++;
                partners.merge(DecisionReplay.partner(record), 1L, Long::sum);
            }
        }
        DryrunTally tally = new DryrunTally();
        tally.setRule(rule);
        tally.setSince(since.at().toString());
        tally.setEvaluated(evaluated);
        tally.setWouldDeny(wouldDeny);
        tally.setPartners(ImpactWords.mostFirst(partners, DryrunTally.MAX_PARTNERS));
        return tally;
    }

    private static Instant parse(String at) {
        try {
            return at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
