package io.trustfabric.operator.whatif.shadow;

import io.trustfabric.api.v1alpha1.AnswerComparison;
import io.trustfabric.api.v1alpha1.DatasetComparison;
import io.trustfabric.api.v1alpha1.ScenarioSide;
import io.trustfabric.api.v1alpha1.ScenarioSummary;
import io.trustfabric.api.v1alpha1.ScenarioTemplate;
import io.trustfabric.operator.whatif.ReportTable;
import io.trustfabric.operator.whatif.ScenarioResult;
import io.trustfabric.operator.whatif.golden.GoldenComparison;
import io.trustfabric.operator.whatif.golden.GoldenSetGenerator;
import io.trustfabric.operator.whatif.golden.LatencyStats;
import io.trustfabric.operator.whatif.golden.NormalizedItems;
import io.trustfabric.operator.whatif.golden.QueryOutcome;
import io.trustfabric.operator.whatif.golden.ShadowWorkerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Turns a shadow run's outcome into the scenario's summary, manifest sides and report tables. Counts only. */
public final class ShadowReport {

    /** The golden-query table keeps this many rows; the rest are counted in its total. */
    static final int MAX_QUERY_ROWS = 200;

    private ShadowReport() {
    }

    /** Items added and removed between the current and the candidate data set (normalized, counted in memory). */
    public record DatasetDelta(NormalizedItems current, NormalizedItems candidate) {
        public long added() {
            return candidate.countNotIn(current);
        }

        public long removed() {
            return current.countNotIn(candidate);
        }
    }

    /** The {@code trustfabric_psi_setup_*} gauges of one side; absent ones are null. */
    public record SetupGauges(Double buildMillis, Long sizeBytes, Long items) {
        static SetupGauges read(ShadowWorkerClient side, String tenantId) throws InterruptedException {
            OptionalDouble build = side.gauge("trustfabric_psi_setup_build_duration_seconds", tenantId);
            OptionalDouble size = side.gauge("trustfabric_psi_setup_size_bytes", tenantId);
            OptionalDouble items = side.gauge("trustfabric_psi_setup_items", tenantId);
            return new SetupGauges(build.isPresent() ? build.getAsDouble() * 1000 : null,
                    size.isPresent() ? (long) size.getAsDouble() : null,
                    items.isPresent() ? (long) items.getAsDouble() : null);
        }
    }

    static ScenarioSide side(ShadowSide side, ShadowWorkerResources.ShadowObjects objects, NormalizedItems items) {
        ScenarioSide result = new ScenarioSide();
        result.setWorkerImage(side.image());
        result.setWorkerConfigDigest(objects.configDigest());
        result.setDatasetDigest(items.digest());
        result.setKeySeed(side.keySeed().describe());
        return result;
    }

    static ScenarioResult result(ScenarioTemplate template, GoldenComparison.Outcome outcome,
                                 GoldenSetGenerator generator, ScenarioSide baseline, ScenarioSide candidate,
                                 DatasetDelta delta, SetupGauges baseGauges, SetupGauges candGauges) {
        boolean seedChange = template == ScenarioTemplate.SEED_CHANGE;
        LatencyStats baseLatency = outcome.baselineLatency();
        LatencyStats candLatency = outcome.candidateLatency();
        long identical = outcome.count(QueryOutcome.Verdict.IDENTICAL);
        long differing = outcome.count(QueryOutcome.Verdict.DIFFERING);
        long failed = outcome.count(QueryOutcome.Verdict.FAILED);

        AnswerComparison answers = new AnswerComparison();
        answers.setCompared(identical + differing);
        answers.setIdentical(identical);
        answers.setDiffering(differing);
        answers.setFailed(failed);
        answers.setBaselineP50Ms(baseLatency.orNull(baseLatency.p50()));
        answers.setBaselineP95Ms(baseLatency.orNull(baseLatency.p95()));
        answers.setCandidateP50Ms(candLatency.orNull(candLatency.p50()));
        answers.setCandidateP95Ms(candLatency.orNull(candLatency.p95()));

        ScenarioSummary summary = new ScenarioSummary();
        summary.setReplayed((long) outcome.queries().size());
        summary.setChanged(differing);
        summary.setAnswers(answers);
        DatasetComparison dataset = null;
        if (seedChange) {
            dataset = datasetComparison(outcome, delta, baseGauges, candGauges);
            summary.setDataset(dataset);
        }
        summary.setHeadline(headline(outcome.queries().size(), differing, failed, baseLatency, candLatency, seedChange));

        List<ReportTable> tables = new ArrayList<>();
        tables.add(queryTable(outcome, seedChange));
        tables.add(latencyTable(baseLatency, candLatency));
        if (seedChange) {
            tables.add(setupTable(dataset, outcome));
        }
        List<String> notes = new ArrayList<>();
        notes.add(generator.queries() + " golden queries of " + outcome.queries().stream().mapToInt(QueryOutcome::setSize)
                .max().orElse(0) + " items, " + generator.drawnPerQuery()
                + " of each drawn from the tenant's current items and the rest synthetic; the items stayed in the "
                + "operator's memory.");
        notes.add(seedChange
                ? "Different keys give unrelated answers, so the intersection each side's answer gives (a count for "
                  + "psi-ca, the matched items for psi) is compared, not the answer bytes."
                : "Both sides got identical request bytes: psi answers are compared byte for byte in request order, "
                  + "psi-ca answers as multisets, and the intersection each side's answer gives must agree too.");
        notes.add("Latencies are single requests to one shadow replica each, alternating which side goes first; "
                + "they compare the two sides on the same machine at the same time, not production load.");
        return new ScenarioResult(summary, baseline, candidate, generator.trafficDigest(), tables, notes);
    }

    static String headline(int queries, long differing, long failed, LatencyStats base, LatencyStats cand,
                           boolean seedChange) {
        String what = seedChange ? "intersection results" : "answers";
        StringBuilder line = new StringBuilder();
        line.append(differing == 0 ? "all " + (queries - failed) + " compared golden queries give identical " + what
                : differing + " of " + queries + " golden queries give different " + what);
        if (failed > 0) {
            line.append(", ").append(failed).append(" failed on a side");
        }
        if (!base.empty() && !cand.empty()) {
            line.append("; p95 ").append(ms(base.p95())).append(" -> ").append(ms(cand.p95())).append(" ms");
        }
        return line.toString();
    }

    private static DatasetComparison datasetComparison(GoldenComparison.Outcome outcome, DatasetDelta delta,
                                                       SetupGauges base, SetupGauges cand) {
        DatasetComparison dataset = new DatasetComparison();
        var baseSetup = outcome.baselineSetup();
        var candSetup = outcome.candidateSetup();
        dataset.setBaselineItems(base.items() != null ? base.items() : (long) baseSetup.setup().digest().itemCount());
        dataset.setCandidateItems(cand.items() != null ? cand.items() : (long) candSetup.setup().digest().itemCount());
        dataset.setItemsAdded(delta == null ? 0L : delta.added());
        dataset.setItemsRemoved(delta == null ? 0L : delta.removed());
        dataset.setBaselineSetupMs(base.buildMillis());
        dataset.setCandidateSetupMs(cand.buildMillis());
        dataset.setBaselineSetupBytes(base.sizeBytes() != null ? base.sizeBytes() : baseSetup.bytes());
        dataset.setCandidateSetupBytes(cand.sizeBytes() != null ? cand.sizeBytes() : candSetup.bytes());
        return dataset;
    }

    private static ReportTable queryTable(GoldenComparison.Outcome outcome, boolean seedChange) {
        List<String> columns = new ArrayList<>(List.of("query", "mode", "set size", "identical?", "baseline ms",
                "candidate ms"));
        if (seedChange) {
            columns.addAll(List.of("baseline matches", "candidate matches"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (QueryOutcome q : outcome.queries().subList(0, Math.min(MAX_QUERY_ROWS, outcome.queries().size()))) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(q.index() + 1), q.mode().wireName(),
                    Integer.toString(q.setSize()), verdict(q), ms(q.baselineMillis()), ms(q.candidateMillis())));
            if (seedChange) {
                row.add(q.baselineMatches() == null ? "-" : q.baselineMatches().toString());
                row.add(q.candidateMatches() == null ? "-" : q.candidateMatches().toString());
            }
            rows.add(row);
        }
        return new ReportTable("Golden queries", columns, rows, outcome.queries().size());
    }

    private static String verdict(QueryOutcome q) {
        return switch (q.verdict()) {
            case IDENTICAL -> "yes";
            case DIFFERING -> "no (" + q.detail() + ")";
            case FAILED -> "failed (" + q.detail() + ")";
        };
    }

    private static ReportTable latencyTable(LatencyStats base, LatencyStats cand) {
        return new ReportTable("Latency distribution (ms)", List.of("side", "queries", "p50", "p90", "p95", "p99", "max"),
                List.of(latencyRow("baseline", base), latencyRow("candidate", cand)));
    }

    private static List<String> latencyRow(String side, LatencyStats s) {
        return List.of(side, Integer.toString(s.count()), ms(s.p50()), ms(s.p90()), ms(s.p95()), ms(s.p99()),
                ms(s.max()));
    }

    private static ReportTable setupTable(DatasetComparison d, GoldenComparison.Outcome outcome) {
        return new ReportTable("Setup", List.of("", "baseline", "candidate"), List.of(
                List.of("server items", str(d.getBaselineItems()), str(d.getCandidateItems())),
                List.of("setup build ms", d.getBaselineSetupMs() == null ? "-" : ms(d.getBaselineSetupMs()),
                        d.getCandidateSetupMs() == null ? "-" : ms(d.getCandidateSetupMs())),
                List.of("setup bytes", str(d.getBaselineSetupBytes()), str(d.getCandidateSetupBytes())),
                List.of("setup fetch ms", ms(outcome.baselineSetup().millis()), ms(outcome.candidateSetup().millis())),
                List.of("items added / removed", "", d.getItemsAdded() + " / " + d.getItemsRemoved())));
    }

    private static String str(Object value) {
        return value == null ? "-" : value.toString();
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.1f", millis);
    }
}
