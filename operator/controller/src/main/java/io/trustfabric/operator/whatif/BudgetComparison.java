package io.trustfabric.operator.whatif;

import io.trustfabric.api.v1alpha1.BudgetPeriod;
import io.trustfabric.api.v1alpha1.BudgetReplaySummary;
import io.trustfabric.api.v1alpha1.MicroEpsilon;
import io.trustfabric.api.v1alpha1.ScenarioSummary;
import io.trustfabric.operator.budget.BudgetCosts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The same recorded charges through two ledgers, the current settings and the candidate's, side by side. */
final class BudgetComparison {

    /** How many differing charges the runner keeps for the report (the renderer may show fewer). */
    static final int MAX_DIFF_ROWS = 5_000;
    /** How often (in charges) the replay reports progress and looks for cancellation. */
    static final int STRIDE = 500;

    /** One side's settings, in micro-epsilon. */
    record Side(long epsilonPerPeriod, BudgetCosts costs, BudgetPeriod period, Instant created) {
    }

    /** A charge whose outcome differs: null refusal means the side paid for it. */
    record Difference(RecordedCharge charge, String baselineRefusal, String candidateRefusal) {
    }

    private final long charges;
    private final long baselineRefused;
    private final long candidateRefused;
    private final Instant baselineExhaustedAt;
    private final Instant candidateExhaustedAt;
    private final long baselineRemaining;
    private final long candidateRemaining;
    private final long changed;
    private final List<Difference> differences;
    private final List<Difference> candidateRefusals;
    private final Map<String, long[]> byPartner;

    private BudgetComparison(long charges, ReplayedBudget baseline, ReplayedBudget candidate, long baselineRefused,
                             long candidateRefused, long changed, List<Difference> differences,
                             List<Difference> candidateRefusals, Map<String, long[]> byPartner) {
        this.charges = charges;
        this.baselineRefused = baselineRefused;
        this.candidateRefused = candidateRefused;
        this.baselineExhaustedAt = baseline.exhaustedAt();
        this.candidateExhaustedAt = candidate.exhaustedAt();
        this.baselineRemaining = baseline.remaining();
        this.candidateRemaining = candidate.remaining();
        this.changed = changed;
        this.differences = differences;
        this.candidateRefusals = candidateRefusals;
        this.byPartner = byPartner;
    }

    /** Charges {@code charges} (oldest first) to both sides; stops with a failure when the progress says cancelled. */
    static BudgetComparison replay(Side current, Side candidate, List<RecordedCharge> charges,
                                   ScenarioProgress progress) throws ScenarioFailure {
        ReplayedBudget baseline = new ReplayedBudget(current.epsilonPerPeriod(), current.costs(), current.period(),
                current.created());
        ReplayedBudget changedBudget = new ReplayedBudget(candidate.epsilonPerPeriod(), candidate.costs(),
                candidate.period(), candidate.created());
        progress.total(charges.size());
        long baselineRefused = 0;
        long candidateRefused = 0;
        long changed = 0;
        List<Difference> differences = new ArrayList<>();
        List<Difference> candidateRefusals = new ArrayList<>();
        Map<String, long[]> byPartner = new LinkedHashMap<>(); // charges, refused today, refused by the candidate, changed
        for (int i = 0; i < charges.size(); i++) {
            if (i % STRIDE == 0) {
                if (progress.cancelled()) {
                    throw ScenarioFailure.cancelled();
                }
                progress.replayed(i);
            }
            RecordedCharge charge = charges.get(i);
            Optional<String> before = baseline.charge(charge);
            Optional<String> after = changedBudget.charge(charge);
            long[] partner = byPartner.computeIfAbsent(charge.partner(), p -> new long[4]);
            partner[0]++;
            if (before.isPresent()) {
                baselineRefused++;
                partner[1]++;
            }
            if (after.isPresent()) {
                candidateRefused++;
                partner[2]++;
                if (candidateRefusals.size() < MAX_DIFF_ROWS) {
                    candidateRefusals.add(new Difference(charge, before.orElse(null), after.get()));
                }
            }
            if (before.isPresent() != after.isPresent()) {
                changed++;
                partner[3]++;
                if (differences.size() < MAX_DIFF_ROWS) {
                    differences.add(new Difference(charge, before.orElse(null), after.orElse(null)));
                }
            }
        }
        progress.replayed(charges.size());
        return new BudgetComparison(charges.size(), baseline, changedBudget, baselineRefused, candidateRefused, changed,
                differences, candidateRefusals, byPartner);
    }

    ScenarioSummary summary(String budget) {
        BudgetReplaySummary replay = new BudgetReplaySummary();
        replay.setBudget(budget);
        replay.setCharges(charges);
        replay.setBaselineRefused(baselineRefused);
        replay.setCandidateRefused(candidateRefused);
        replay.setBaselineExhaustedAt(baselineExhaustedAt == null ? null : baselineExhaustedAt.toString());
        replay.setCandidateExhaustedAt(candidateExhaustedAt == null ? null : candidateExhaustedAt.toString());
        replay.setBaselineRemaining(MicroEpsilon.format(baselineRemaining));
        replay.setCandidateRemaining(MicroEpsilon.format(candidateRemaining));
        ScenarioSummary summary = new ScenarioSummary();
        summary.setReplayed(charges);
        summary.setChanged(changed);
        summary.setBudget(replay);
        Map<String, Long> changedBy = new LinkedHashMap<>();
        byPartner.forEach((partner, counts) -> {
            if (counts[3] > 0) {
                changedBy.put(partner, counts[3]);
            }
        });
        summary.setByPartner(Tallies.top(changedBy, ScenarioSummary.MAX_PARTNERS));
        summary.setHeadline(headline());
        return summary;
    }

    List<ReportTable> tables() {
        List<List<String>> rows = new ArrayList<>();
        for (Difference d : differences) {
            rows.add(List.of(d.charge().at().toString(), d.charge().decisionId(), d.charge().partner(),
                    d.charge().mode(), Long.toString(d.charge().elements()),
                    d.baselineRefusal() == null ? "charged" : "refused (" + d.baselineRefusal() + ")",
                    d.candidateRefusal() == null ? "charged" : "refused (" + d.candidateRefusal() + ")"));
        }
        ReportTable diff = new ReportTable("Charges whose outcome differs (oldest first)", List.of("time",
                "decision", "partner", "mode", "elements", "current settings", "candidate"), rows, changed);
        List<List<String>> partners = new ArrayList<>();
        byPartner.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[3], a.getValue()[3]))
                .forEach(e -> partners.add(List.of(e.getKey(), Long.toString(e.getValue()[0]),
                        Long.toString(e.getValue()[1]), Long.toString(e.getValue()[2]),
                        Long.toString(e.getValue()[3]))));
        ReportTable partnerTable = new ReportTable("Refused queries by partner", List.of("partner", "charges",
                "refused today", "refused by the candidate", "changed"), partners);
        ReportTable refused = new ReportTable("Queries the candidate refuses (oldest first)", List.of("time",
                "decision", "partner", "mode", "elements", "reason", "current settings"), candidateRefusals.stream()
                .map(d -> List.of(d.charge().at().toString(), d.charge().decisionId(), d.charge().partner(),
                        d.charge().mode(), Long.toString(d.charge().elements()), d.candidateRefusal(),
                        d.baselineRefusal() == null ? "charged" : "refused (" + d.baselineRefusal() + ")"))
                .toList(), candidateRefused);
        return List.of(diff, partnerTable, refused);
    }

    private String headline() {
        String when = candidateExhaustedAt == null ? "it would not run out"
                : "it would run out at " + candidateExhaustedAt;
        String today = baselineExhaustedAt == null ? "never runs out" : "runs out at " + baselineExhaustedAt;
        return String.format("%,d of %,d charges change: the candidate refuses %,d (the current settings %,d); %s"
                + " (today it %s)", changed, charges, candidateRefused, baselineRefused, when, today);
    }
}
