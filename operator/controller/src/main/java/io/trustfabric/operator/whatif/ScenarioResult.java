package io.trustfabric.operator.whatif;

import io.trustfabric.api.v1alpha1.ScenarioSide;
import io.trustfabric.api.v1alpha1.ScenarioSummary;
import java.util.List;

/**
 * What a finished replay found: the summary for status, both sides for the manifest, the digest of what was replayed,
 * and the tables of the HTML diff report.
 *
 * @param trafficDigest {@code sha256:} hex digest of the replayed input (recorded ids in order, or the golden set's parameters)
 * @param tables        the report's diff tables, most important first
 * @param notes         short paragraphs for the report (what was not replayed and why, caveats)
 */
public record ScenarioResult(ScenarioSummary summary, ScenarioSide baseline, ScenarioSide candidate, String trafficDigest,
                             List<ReportTable> tables, List<String> notes) {

    public ScenarioResult {
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
    }
}
