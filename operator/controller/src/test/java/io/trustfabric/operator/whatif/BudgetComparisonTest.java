package io.trustfabric.operator.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.api.v1alpha1.BudgetPeriod;
import io.trustfabric.api.v1alpha1.BudgetReplaySummary;
import io.trustfabric.api.v1alpha1.CalendarPeriod;
import io.trustfabric.api.v1alpha1.QueryCost;
import io.trustfabric.api.v1alpha1.ScenarioSummary;
import io.trustfabric.operator.budget.BudgetCosts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Recorded charges through the production ledger, against results computed by hand. */
class BudgetComparisonTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    /** psi-ca 0.3 + 0.001 per element; psi not priced; daily periods in UTC. */
    private static final BudgetCosts COSTS = BudgetCosts.of(cost("0.3", null, "0.001"));

    /** Day 1: 0.3, 0.4 (100 elements), 0.3, 0.3; day 2: 0.3 and a psi query. */
    private static final List<RecordedCharge> CHARGES = List.of(
            charge("d1", "2026-03-02T10:00:00Z", "globex", "psi-ca", 0),
            charge("d2", "2026-03-02T11:00:00Z", "initech", "psi-ca", 100),
            charge("d3", "2026-03-02T12:00:00Z", "globex", "psi-ca", 0),
            charge("d4", "2026-03-02T13:00:00Z", "globex", "psi-ca", 0),
            charge("d5", "2026-03-03T00:00:00Z", "globex", "psi-ca", 0),
            charge("d6", "2026-03-03T01:00:00Z", "initech", "psi", 0));

    @Test
    void aBudgetIsExhaustedWithinItsPeriodAndResetsAtThePeriodBoundary() {
        ReplayedBudget budget = new ReplayedBudget(1_000_000, COSTS, daily(), CREATED);
        List<Optional<String>> outcomes = CHARGES.stream().map(budget::charge).toList();
        assertThat(outcomes).containsExactly(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(ReplayedBudget.EXHAUSTED), Optional.empty(), Optional.of(ReplayedBudget.MODE_NOT_PRICED));
        assertThat(budget.exhaustedAt()).as("0.3 + 0.4 + 0.3 = 1.0: nothing left for the cheapest query")
                .isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
        assertThat(budget.remaining()).as("day 2 started afresh: 1.0 - 0.3").isEqualTo(700_000);
    }

    @Test
    void aPeriodOfEveryCountsFromTheBudgetsCreation() {
        BudgetPeriod every = new BudgetPeriod();
        every.setEvery("90m");
        ReplayedBudget budget = new ReplayedBudget(500_000, COSTS, every, Instant.parse("2026-03-02T09:30:00Z"));
        // periods [09:30, 11:00), [11:00, 12:30): d1 in the first, d2 (0.4) and d3 (0.3) in the second
        assertThat(budget.charge(CHARGES.get(0))).isEmpty();
        assertThat(budget.exhaustedAt()).as("0.5 - 0.3 leaves less than the cheapest query")
                .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(budget.charge(CHARGES.get(1))).as("a new period").isEmpty();
        assertThat(budget.charge(CHARGES.get(2))).as("0.1 left of 0.5").contains(ReplayedBudget.EXHAUSTED);
        assertThat(budget.remaining()).isEqualTo(100_000);
    }

    @Test
    void aSmallerEpsilonRefusesMoreAndSaysWhenItRunsOut() throws Exception {
        Counting progress = new Counting();
        BudgetComparison comparison = BudgetComparison.replay(
                new BudgetComparison.Side(1_000_000, COSTS, daily(), CREATED),
                new BudgetComparison.Side(500_000, COSTS, daily(), CREATED), CHARGES, progress);
        ScenarioSummary summary = comparison.summary("acme-budget");
        BudgetReplaySummary budget = summary.getBudget();
        assertThat(budget.getBudget()).isEqualTo("acme-budget");
        assertThat(budget.getCharges()).isEqualTo(6);
        assertThat(budget.getBaselineRefused()).as("d4 exhausted, d6 not priced").isEqualTo(2);
        assertThat(budget.getCandidateRefused()).as("0.5 - 0.3 = 0.2 left after d1: d2, d3, d4 refused; d6").isEqualTo(4);
        assertThat(budget.getBaselineExhaustedAt()).isEqualTo("2026-03-02T12:00:00Z");
        assertThat(budget.getCandidateExhaustedAt()).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(budget.getBaselineRemaining()).isEqualTo("0.7");
        assertThat(budget.getCandidateRemaining()).isEqualTo("0.2");
        assertThat(summary.getReplayed()).isEqualTo(6);
        assertThat(summary.getChanged()).as("d2 and d3").isEqualTo(2);
        assertThat(summary.getByPartner()).containsExactly(java.util.Map.entry("globex", 1L),
                java.util.Map.entry("initech", 1L));
        assertThat(summary.getHeadline()).isEqualTo("2 of 6 charges change: the candidate refuses 4 (the current"
                + " settings 2); it would run out at 2026-03-02T10:00:00Z (today it runs out at 2026-03-02T12:00:00Z)");
        assertThat(progress.total).isEqualTo(6);
        assertThat(progress.replayed).isEqualTo(6);

        List<ReportTable> tables = comparison.tables();
        assertThat(tables.get(0).rows()).extracting(r -> r.get(1)).containsExactly("d2", "d3");
        assertThat(tables.get(0).rows().get(0)).containsExactly("2026-03-02T11:00:00Z", "d2", "initech", "psi-ca", "100",
                "charged", "refused (budget-exhausted)");
        assertThat(tables.get(1).rows()).contains(List.of("globex", "4", "1", "2", "1"),
                List.of("initech", "2", "1", "2", "1"));
        assertThat(tables.get(2).totalRows()).isEqualTo(4);
        assertThat(tables.get(2).rows()).extracting(r -> r.get(1) + " " + r.get(5) + " " + r.get(6)).containsExactly(
                "d2 budget-exhausted charged", "d3 budget-exhausted charged",
                "d4 budget-exhausted refused (budget-exhausted)", "d6 mode-not-served refused (mode-not-served)");
    }

    @Test
    void aCancelledReplayStops() {
        Counting progress = new Counting();
        progress.cancel = true;
        assertThatThrownBy(() -> BudgetComparison.replay(new BudgetComparison.Side(1_000_000, COSTS, daily(), CREATED),
                new BudgetComparison.Side(500_000, COSTS, daily(), CREATED), CHARGES, progress))
                .isInstanceOf(ScenarioFailure.class)
                .satisfies(e -> assertThat(((ScenarioFailure) e).reason()).isEqualTo(ScenarioFailure.CANCELLED));
    }

    @Test
    void aCandidateCostPerElementTakesTheSetSizeFromTheDecision() throws Exception {
        BudgetCosts perElement = BudgetCosts.of(cost("0.1", null, "0.01"));
        List<RecordedCharge> big = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            big.add(charge("b" + i, "2026-03-02T1" + i + ":00:00Z", "globex", "psi-ca", 30));
        }
        // 0.1 + 30 x 0.01 = 0.4 each: 1.0 pays two; 0.1 flat pays all three
        BudgetComparison comparison = BudgetComparison.replay(
                new BudgetComparison.Side(1_000_000, BudgetCosts.of(cost("0.1", null, null)), daily(), CREATED),
                new BudgetComparison.Side(1_000_000, perElement, daily(), CREATED), big, new Counting());
        BudgetReplaySummary summary = comparison.summary("b").getBudget();
        assertThat(summary.getBaselineRefused()).isZero();
        assertThat(summary.getCandidateRefused()).isEqualTo(1);
        assertThat(summary.getCandidateRemaining()).isEqualTo("0.2");
        assertThat(summary.getBaselineRemaining()).isEqualTo("0.7");
        assertThat(summary.getCandidateExhaustedAt()).as("0.2 left still pays the cheapest flat query (0.1)")
                .isEqualTo("2026-03-02T12:00:00Z");
    }

    private static BudgetPeriod daily() {
        BudgetPeriod period = new BudgetPeriod();
        period.setCalendar(CalendarPeriod.Daily);
        return period;
    }

    private static QueryCost cost(String psiCa, String psi, String perElement) {
        QueryCost cost = new QueryCost();
        cost.setPsiCa(psiCa);
        cost.setPsi(psi);
        cost.setPerElement(perElement);
        return cost;
    }

    private static RecordedCharge charge(String id, String at, String partner, String mode, long elements) {
        return new RecordedCharge(id, Instant.parse(at), partner, mode, elements);
    }

    static final class Counting implements ScenarioProgress {
        long total = -1;
        long replayed;
        boolean cancel;

        @Override
        public void total(long total) {
            this.total = total;
        }

        @Override
        public void replayed(long replayed) {
            this.replayed = replayed;
        }

        @Override
        public boolean cancelled() {
            return cancel;
        }
    }
}
