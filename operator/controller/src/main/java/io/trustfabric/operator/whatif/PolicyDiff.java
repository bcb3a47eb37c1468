package io.trustfabric.operator.whatif;

import io.trustfabric.api.v1alpha1.ScenarioSummary;
import io.trustfabric.operator.policy.decisions.DecisionRecord;
import io.trustfabric.operator.policy.timeline.DecisionReplay.Redecided;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recorded outcomes against the candidate policy's, decision by decision: what changed, by partner, by the rule that
 * made the difference (the candidate's denying rules for a newly denied decision, the recorded ones for a newly
 * allowed one) and by reason code ({@value #ALLOWED} for newly allowed).
 */
final class PolicyDiff {

    static final String ALLOWED = "allowed";
    /** How many changed decisions are kept for the report (the renderer may show fewer). */
    static final int MAX_DIFF_ROWS = 5_000;

    private long replayed;
    private long allowedToDenied;
    private long deniedToAllowed;
    private final Map<String, Long> byPartner = new LinkedHashMap<>();
    private final Map<String, Long> byRule = new LinkedHashMap<>();
    private final Map<String, Long> byReason = new LinkedHashMap<>();
    private final List<List<String>> rows = new ArrayList<>();

    void add(Redecided decided) {
        replayed++;
        boolean was = decided.recordedAllow();
        boolean now = decided.allow();
        if (was == now) {
            return;
        }
        DecisionRecord record = decided.record();
        List<DecisionRecord.Finding> why = now ? record.outcome().denials() : decided.denials();
        Set<String> rules = why.stream().map(f -> f.rule() == null || f.rule().isEmpty() ? "(tenant)" : f.rule())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> codes = now ? Set.of(ALLOWED) : why.stream().map(DecisionRecord.Finding::code)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (now) {
            deniedToAllowed++;
        } else {
            allowedToDenied++;
        }
        String partner = RecordedCharge.partner(record);
        byPartner.merge(partner, 1L, Long::sum);
        rules.forEach(rule -> byRule.merge(rule, 1L, Long::sum));
        codes.forEach(code -> byReason.merge(code, 1L, Long::sum));
        if (rows.size() < MAX_DIFF_ROWS) {
            rows.add(List.of(record.timestamp().toString(), record.decisionId(), partner, was ? "allowed" : "denied",
                    now ? "allowed" : "denied", String.join(", ", rules), now ? "" : String.join(", ", codes)));
        }
    }

    long changed() {
        return allowedToDenied + deniedToAllowed;
    }

    ScenarioSummary summary() {
        ScenarioSummary summary = new ScenarioSummary();
        summary.setReplayed(replayed);
        summary.setChanged(changed());
        summary.setAllowedToDenied(allowedToDenied);
        summary.setDeniedToAllowed(deniedToAllowed);
        summary.setByPartner(Tallies.top(byPartner, ScenarioSummary.MAX_PARTNERS));
        summary.setByRule(Tallies.top(byRule, ScenarioSummary.MAX_PARTNERS));
        summary.setByReason(Tallies.top(byReason, ScenarioSummary.MAX_PARTNERS));
        summary.setHeadline(String.format("%,d of %,d decisions change: %,d allowed today would be denied, %,d denied"
                + " today would be allowed", changed(), replayed, allowedToDenied, deniedToAllowed));
        return summary;
    }

    List<ReportTable> tables() {
        return List.of(
                new ReportTable("Decisions whose outcome changes (oldest first)", List.of("time", "decision",
                        "partner", "recorded", "candidate", "rules", "reasons"), rows, changed()),
                tally("Changed decisions by partner", "partner", byPartner),
                tally("Changed decisions by rule", "rule", byRule),
                tally("Changed decisions by reason", "reason", byReason));
    }

    private static ReportTable tally(String title, String key, Map<String, Long> counts) {
        return new ReportTable(title, List.of(key, "changed decisions"), Tallies.ordered(counts).stream()
                .map(e -> List.of(e.getKey(), Long.toString(e.getValue()))).toList());
    }
}
