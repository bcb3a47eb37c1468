package io.trustfabric.operator.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.trustfabric.api.v1alpha1.ScenarioManifest;
import io.trustfabric.api.v1alpha1.ScenarioSide;
import io.trustfabric.api.v1alpha1.ScenarioSummary;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML diff report of a finished scenario: one self-contained page (inline CSS, no scripts, no external assets)
 * with the manifest, the headline, the summary and the runner's tables, every text HTML-escaped. The first table is
 * the main diff ({@code id="diff"}). Bounded: each table shows at most {@link #MAX_ROWS} rows, fewer when the page
 * would pass {@link #MAX_BYTES}, and says how many it left out, so the ConfigMap stays far under 1 MiB.
 */
public final class ScenarioReport {

    public static final String HTML_KEY = "report.html";
    public static final String MANIFEST_KEY = "manifest.json";
    public static final int MAX_ROWS = 2_000;
    public static final int MAX_BYTES = 700 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#1b1b1b}
            h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
            .headline{font-size:1.1em;font-weight:600;padding:.6em;background:#f3f6fa;border-left:4px solid #2f6fb3}
            table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
            caption{text-align:left;font-weight:600;padding:.3em 0}
            th,td{border:1px solid #c9ced6;padding:.25em .5em;text-align:left;vertical-align:top}
            th{background:#eef1f5}
            .note{color:#555}.cut{color:#8a4b00;font-style:italic}
            """;

    private ScenarioReport() {
    }

    /** The page for a scenario {@code namespace/name}. */
    public static String html(String namespace, String name, ScenarioManifest manifest, ScenarioResult result) {
        for (int rows = MAX_ROWS; ; rows = rows / 2) {
            String page = page(namespace, name, manifest, result, rows);
            if (page.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES || rows == 0) {
                return page;
            }
        }
    }

    /** The manifest as indented JSON, the report's second key. */
    public static String manifestJson(ScenarioManifest manifest) {
        try {
            return JSON.writeValueAsString(manifest) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String page(String namespace, String name, ScenarioManifest manifest, ScenarioResult result,
                               int maxRows) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>What-if ").append(escape(namespace + "/" + name)).append("</title><style>")
                .append(STYLE).append("</style></head><body>\n");
        out.append("<h1>What-if scenario ").append(escape(namespace + "/" + name)).append("</h1>\n");
        ScenarioSummary summary = result.summary();
        if (summary.getHeadline() != null) {
            out.append("<p class=\"headline\">").append(escape(summary.getHeadline())).append("</p>\n");
        }
        out.append("<h2>Manifest</h2>\n");
        keyValues(out, "manifest", "What was compared", manifest(manifest));
        out.append("<h2>Summary</h2>\n");
        keyValues(out, "summary", "Counts", summaryRows(summary));
        for (String note : result.notes()) {
            out.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
        List<ReportTable> tables = result.tables();
        for (int i = 0; i < tables.size(); i++) {
            table(out, i == 0 ? "diff" : "table-" + i, tables.get(i), maxRows);
        }
        return out.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder out, String id, ReportTable table, int maxRows) {
        out.append("<h2>").append(escape(table.title())).append("</h2>\n<table id=\"").append(id)
                .append("\"><caption>").append(escape(table.title())).append(" (")
                .append(String.format("%,d", table.totalRows())).append(table.totalRows() == 1 ? " row" : " rows")
                .append(")</caption>\n<thead><tr>");
        table.columns().forEach(c -> out.append("<th scope=\"col\">").append(escape(c)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(maxRows, table.rows().size());
        for (List<String> row : table.rows().subList(0, shown)) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
        long notShown = table.totalRows() - shown;
        if (notShown > 0) {
            out.append("<p class=\"cut\">").append(String.format("%,d", notShown))
                    .append(" more rows not shown.</p>\n");
        }
    }

    private static void keyValues(StringBuilder out, String id, String caption, Map<String, String> rows) {
        out.append("<table id=\"").append(id).append("\"><caption>").append(escape(caption)).append("</caption>\n");
        rows.forEach((k, v) -> out.append("<tr><th scope=\"row\">").append(escape(k)).append("</th><td>")
                .append(escape(v)).append("</td></tr>\n"));
        out.append("</table>\n");
    }

    private static Map<String, String> manifest(ScenarioManifest m) {
        Map<String, String> rows = new LinkedHashMap<>();
        put(rows, "tenant", m.getTenant());
        put(rows, "template", m.getTemplate());
        put(rows, "window start", m.getWindowStart());
        put(rows, "window end", m.getWindowEnd());
        put(rows, "traffic digest", m.getTrafficDigest());
        side(rows, "baseline", m.getBaseline());
        side(rows, "candidate", m.getCandidate());
        return rows;
    }

    private static void side(Map<String, String> rows, String which, ScenarioSide side) {
        if (side == null) {
            return;
        }
        put(rows, which + " policy revision", side.getPolicyRevision() == null ? null : side.getPolicyRevision().toString());
        put(rows, which + " bundle digest", side.getBundleDigest());
        put(rows, which + " epsilon per period", side.getEpsilonPerPeriod());
        put(rows, which + " costs", side.getCosts());
        put(rows, which + " budget spec digest", side.getBudgetSpecDigest());
        put(rows, which + " worker image", side.getWorkerImage());
        put(rows, which + " worker config digest", side.getWorkerConfigDigest());
        put(rows, which + " data set digest", side.getDatasetDigest());
        put(rows, which + " key seed", side.getKeySeed());
    }

    private static Map<String, String> summaryRows(ScenarioSummary s) {
        Map<String, String> rows = new LinkedHashMap<>();
        put(rows, "replayed", s.getReplayed() == null ? null : String.format("%,d", s.getReplayed()));
        put(rows, "changed", s.getChanged() == null ? null : String.format("%,d", s.getChanged()));
        put(rows, "allowed today, denied by the candidate", s.getAllowedToDenied() == null ? null
                : String.format("%,d", s.getAllowedToDenied()));
        put(rows, "denied today, allowed by the candidate", s.getDeniedToAllowed() == null ? null
                : String.format("%,d", s.getDeniedToAllowed()));
        if (s.getBudget() != null) {
            var b = s.getBudget();
            put(rows, "budget", b.getBudget());
            put(rows, "recorded charges", b.getCharges() == null ? null : String.format("%,d", b.getCharges()));
            put(rows, "refused with the current settings", b.getBaselineRefused() == null ? null
                    : String.format("%,d", b.getBaselineRefused()));
            put(rows, "refused with the candidate", b.getCandidateRefused() == null ? null
                    : String.format("%,d", b.getCandidateRefused()));
            put(rows, "current settings run out at", b.getBaselineExhaustedAt() == null ? "never"
                    : b.getBaselineExhaustedAt());
            put(rows, "candidate runs out at", b.getCandidateExhaustedAt() == null ? "never"
                    : b.getCandidateExhaustedAt());
            put(rows, "remaining at the end, current settings", b.getBaselineRemaining());
            put(rows, "remaining at the end, candidate", b.getCandidateRemaining());
        }
        return rows;
    }

    private static void put(Map<String, String> rows, String key, String value) {
        if (value != null) {
            rows.put(key, value);
        }
    }

    /** Escapes text for HTML element content and attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
