package io.trustfabric.operator.policy.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.v1alpha1.DryrunTally;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.PolicyRevision;
import io.trustfabric.operator.policy.decisions.DecisionRecord;
import io.trustfabric.operator.policy.decisions.DecisionRecord.Finding;
import io.trustfabric.operator.policy.decisions.DecisionRecord.Outcome;
import io.trustfabric.operator.policy.decisions.TenantRef;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words of an impact and the dryrun tallies, from numbers (the replay itself runs on a real OPA elsewhere). */
class ImpactWordsTest {

    @Test
    void saysWhatTheReplayFoundPerPartnerAndWhatItCouldNotCover() {
        Map<String, Long> denied = new LinkedHashMap<>(Map.of("globex", 12L));
        Map<String, Long> allowed = new LinkedHashMap<>(Map.of("initech", 3L, "hooli", 3L));
        var result = new DecisionReplay.Result(3400, 2, 12, 6, denied, allowed, 600, Duration.ofSeconds(30));
        ImpactWords.Impact impact = ImpactWords.replayed(result, "24h", true);
        assertThat(impact.words()).isEqualTo("would have denied 12 of 3,400 recent queries (globex: 12); allows 6"
                + " previously denied (hooli: 3, initech: 3); partners affected: globex, hooli, initech; 600 older"
                + " recorded decisions not replayed (the replay stopped after 30 s); 2 recorded decisions had no"
                + " outcome (OPA failed then) and were not replayed; volume-cap replayed against the counters"
                + " recorded then");
        assertThat(impact.replay().getPartners()).containsExactly("globex=12", "hooli=3", "initech=3");
        assertThat(impact.replay().getReplayed()).isEqualTo(3400);
        assertThat(impact.replay().getSkipped()).isNull();
    }

    @Test
    void nothingRecordedOrNothingReplayedIsSaidNotGuessed() {
        assertThat(ImpactWords.noDecisions("acme", "24h", null).words())
                .isEqualTo("no decisions recorded for tenant acme in the last 24h; impact unknown");
        assertThat(ImpactWords.noDecisions("acme", "24h", Duration.ofMinutes(90)).words())
                .isEqualTo("no decisions recorded for tenant acme in the last 24h (the operator keeps them in memory"
                        + " and started 1h30m ago); impact unknown");
        ImpactWords.Impact skipped = ImpactWords.skipped("OPA at http://127.0.0.1:8181/ failed: connection refused",
                "24h");
        assertThat(skipped.replay().getSkipped()).isEqualTo("OPA at http://127.0.0.1:8181/ failed: connection refused");
        assertThat(skipped.replay().getReplayed()).isNull();
        assertThat(skipped.words()).startsWith("impact unknown: recorded decisions were not replayed (OPA at");
        assertThat(ImpactWords.pending(1, "24h")).isEqualTo("replaying 1 recorded decision of the last 24h with OPA");
    }

    @Test
    void aRuleIsInDryrunSinceTheOldestOfItsNewestDryrunRevisions() {
        List<PolicyRevision> newestFirst = List.of(entry(5, EnforcementAction.dryrun, "2026-12-03T12:00:00Z"),
                entry(4, EnforcementAction.dryrun, "2026-12-02T12:00:00Z"),
                entry(3, EnforcementAction.warn, "2026-12-01T12:00:00Z"),
                entry(2, EnforcementAction.dryrun, "2026-11-30T12:00:00Z"));
        DryrunTallies.Run run = DryrunTallies.since("eu-only", newestFirst);
        assertThat(run.since()).contains(new DryrunTallies.Since(4, Instant.parse("2026-12-02T12:00:00Z")));
        assertThat(run.exhausted()).isFalse();
        DryrunTallies.Run open = DryrunTallies.since("eu-only", newestFirst.subList(0, 2));
        assertThat(open.exhausted()).as("older revisions may extend the run").isTrue();
        assertThat(DryrunTallies.since("eu-only", newestFirst.subList(2, 4)).since()).isEmpty();
    }

    @Test
    void aTallyCountsThisPolicysDecisionsSinceTheRuleEnteredDryrun() {
        DryrunTallies.Since since = new DryrunTallies.Since(4, Instant.parse("2026-12-02T12:00:00Z"));
        List<DecisionRecord> records = List.of(
                record("globex", 5L, "trust/acme-policy", true, List.of(new Finding("eu-only", "region-not-allowed"))),
                record("globex", 4L, "trust/acme-policy", true, List.of(new Finding("eu-only", "region-not-allowed"))),
                record("initech", 4L, "trust/acme-policy", true, List.of(new Finding("eu-only", "region-not-allowed"))),
                record("hooli", 4L, "trust/acme-policy", true, List.of()),
                record("hooli", 4L, "trust/acme-policy", true, List.of(new Finding("k", "obligation-not-applied"))),
                record("hooli", 3L, "trust/acme-policy", true, List.of(new Finding("eu-only", "region-not-allowed"))),
                record("hooli", 0L, null, true, List.of()),
                record("hooli", 4L, "trust/acme-policy", null, List.of()));
        DryrunTally tally = DryrunTallies.tally("trust/acme-policy", "eu-only", since, records);
        assertThat(tally.getEvaluated()).isEqualTo(5);
        assertThat(tally.getWouldDeny()).isEqualTo(3);
        assertThat(tally.getPartners()).containsExactly("globex=2", "initech=1");
        assertThat(tally.getSince()).isEqualTo("2026-12-02T12:00:00Z");
    }

    private static PolicyRevision entry(long revision, EnforcementAction action, String at) {
        PolicyRevision entry = new PolicyRevision();
        entry.setRevision(revision);
        entry.setAt(at);
        entry.getActions().put("eu-only", action);
        return entry;
    }

    private static DecisionRecord record(String partner, Long revision, String policy, Boolean allow,
                                         List<Finding> dryrun) {
        return new DecisionRecord("d-" + Math.random(), Instant.parse("2026-12-03T13:00:00Z"),
                new TenantRef("trust", "acme"), Map.of(), "{\"partner\":{\"id\":\"" + partner + "\"}}",
                new Outcome(allow, policy, revision, List.of(), List.of(), dryrun, List.of(), null));
    }
}
