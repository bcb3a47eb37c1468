package io.trustfabric.operator.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.v1alpha1.ScenarioSummary;
import io.trustfabric.operator.policy.decisions.DecisionRecord;
import io.trustfabric.operator.policy.decisions.DecisionRecord.Finding;
import io.trustfabric.operator.policy.decisions.TenantRef;
import io.trustfabric.operator.policy.timeline.DecisionReplay.Redecided;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {

    private int sequence;

    @Test
    void changesAreCountedByPartnerByTheRuleThatMadeTheDifferenceAndByReason() {
        PolicyDiff diff = new PolicyDiff();
        // unchanged: allowed and allowed, denied and denied
        diff.add(decided("globex", true, List.of(), true, List.of()));
        diff.add(decided("hooli", false, List.of(new Finding("cap", "set-too-small")), false,
                List.of(new Finding("cap", "set-too-small"))));
        // allowed today, denied by two candidate rules
        diff.add(decided("hooli", true, List.of(), false, List.of(new Finding("eu-only", "region-not-allowed"),
                new Finding("dpa", "contract-flag-missing"))));
        diff.add(decided("hooli", true, List.of(), false, List.of(new Finding("eu-only", "region-not-allowed"))));
        diff.add(decided("initech", true, List.of(), false, List.of(new Finding("eu-only", "region-not-allowed"))));
        // denied today by cap, allowed by the candidate
        diff.add(decided("globex", false, List.of(new Finding("cap", "set-too-small")), true, List.of()));

        ScenarioSummary summary = diff.summary();
        assertThat(summary.getReplayed()).isEqualTo(6);
        assertThat(summary.getChanged()).isEqualTo(4);
        assertThat(summary.getAllowedToDenied()).isEqualTo(3);
        assertThat(summary.getDeniedToAllowed()).isEqualTo(1);
        assertThat(summary.getByPartner()).containsExactly(Map.entry("hooli", 2L), Map.entry("globex", 1L),
                Map.entry("initech", 1L));
        assertThat(summary.getByRule()).containsExactly(Map.entry("eu-only", 3L), Map.entry("cap", 1L),
                Map.entry("dpa", 1L));
        assertThat(summary.getByReason()).containsExactly(Map.entry("region-not-allowed", 3L),
                Map.entry(PolicyDiff.ALLOWED, 1L), Map.entry("contract-flag-missing", 1L));
        assertThat(summary.getHeadline()).isEqualTo("4 of 6 decisions change: 3 allowed today would be denied, 1 denied"
                + " today would be allowed");

        List<ReportTable> tables = diff.tables();
        assertThat(tables.get(0).totalRows()).isEqualTo(4);
        assertThat(tables.get(0).rows().get(0)).containsExactly(Instant.ofEpochSecond(3).toString(), "d3", "hooli",
                "allowed", "denied", "eu-only, dpa", "region-not-allowed, contract-flag-missing");
        assertThat(tables.get(0).rows().get(3)).containsExactly(Instant.ofEpochSecond(6).toString(), "d6", "globex",
                "denied", "allowed", "cap", "");
        assertThat(tables).extracting(ReportTable::title).containsExactly(
                "Decisions whose outcome changes (oldest first)", "Changed decisions by partner",
                "Changed decisions by rule", "Changed decisions by reason");
    }

    @Test
    void statusListsTheFiftyLargestAndTheReportAll() {
        PolicyDiff diff = new PolicyDiff();
        for (int p = 0; p < 60; p++) {
            for (int n = 0; n <= p % 3; n++) {
                diff.add(decided(String.format("partner-%02d", p), true, List.of(), false,
                        List.of(new Finding("r", "c"))));
            }
        }
        ScenarioSummary summary = diff.summary();
        assertThat(summary.getByPartner()).hasSize(ScenarioSummary.MAX_PARTNERS);
        assertThat(summary.getByPartner().values().stream().limit(20)).allMatch(v -> v == 3L);
        assertThat(summary.getByPartner()).containsKey("partner-02").doesNotContainKey("partner-57");
        assertThat(diff.tables().get(1).rows()).hasSize(60);
    }

    private Redecided decided(String partner, boolean recorded, List<Finding> recordedDenials, boolean now,
                              List<Finding> denials) {
        sequence++;
        DecisionRecord record = new DecisionRecord("d" + sequence, Instant.ofEpochSecond(sequence),
                new TenantRef("trust", "acme"), Map.of(), "{\"partner\":{\"id\":\"" + partner + "\"}}",
                new DecisionRecord.Outcome(recorded, null, null, recordedDenials, List.of(), List.of(), List.of(),
                        null));
        return new Redecided(record, now, denials);
    }
}
