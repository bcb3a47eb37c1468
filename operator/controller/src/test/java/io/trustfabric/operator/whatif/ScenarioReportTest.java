package io.trustfabric.operator.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.v1alpha1.ScenarioManifest;
import io.trustfabric.api.v1alpha1.ScenarioSide;
import io.trustfabric.api.v1alpha1.ScenarioSummary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScenarioReportTest {

    private static final String HOSTILE = "<script>alert('x')</script>&\"<img src=http://evil.example/x.png>";

    @Test
    void everyTextIsEscapedAndThePageLoadsNothing() {
        ScenarioManifest manifest = manifest();
        manifest.setTenant("trust/" + HOSTILE);
        ScenarioSummary summary = new ScenarioSummary();
        summary.setHeadline(HOSTILE);
        summary.setReplayed(2L);
        ScenarioResult result = new ScenarioResult(summary, new ScenarioSide(), new ScenarioSide(), "sha256:00",
                List.of(new ReportTable(HOSTILE, List.of("partner", HOSTILE), List.of(List.of(HOSTILE, "a</td>b")))),
                List.of(HOSTILE));
        String html = ScenarioReport.html("trust", "s1", manifest, result);
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("a</td>b")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;&lt;img")
                .contains("a&lt;/td&gt;b");
        assertThat(html).as("no external assets or scripts").doesNotContainPattern("(?i)<[^>]*\\b(src|href)\\s*=")
                .doesNotContain("@import").doesNotContain("url(");
        assertThat(html).contains("<table id=\"diff\"><caption>" + ScenarioReport.escape(HOSTILE) + " (1 row)</caption>");
    }

    @Test
    void tablesAreCutAtTheRowLimitAndTheCutIsSaid() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ScenarioReport.MAX_ROWS + 250; i++) {
            rows.add(List.of("d" + i, "globex"));
        }
        ReportTable table = new ReportTable("Changed", List.of("decision", "partner"), rows, rows.size() + 1000);
        String html = ScenarioReport.html("trust", "s1", manifest(), result(table));
        assertThat(count(html, "<tr><td>")).isEqualTo(ScenarioReport.MAX_ROWS);
        assertThat(html).contains("1,250 more rows not shown.");
        assertThat(html).contains("<caption>Changed (3,250 rows)</caption>");
    }

    @Test
    void aPageThatWouldBeTooLargeShowsFewerRows() {
        String wide = "x".repeat(2_000);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ScenarioReport.MAX_ROWS; i++) {
            rows.add(List.of("d" + i, wide));
        }
        String html = ScenarioReport.html("trust", "s1", manifest(), result(new ReportTable("Changed",
                List.of("decision", "detail"), rows)));
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThanOrEqualTo(ScenarioReport.MAX_BYTES);
        int shown = count(html, "<tr><td>");
        assertThat(shown).isPositive().isLessThan(ScenarioReport.MAX_ROWS);
        assertThat(html).contains(String.format("%,d more rows not shown.", ScenarioReport.MAX_ROWS - shown));
    }

    @Test
    void theManifestIsInThePageAndInItsOwnJson() {
        String html = ScenarioReport.html("trust", "s1", manifest(), result(new ReportTable("t", List.of("a"),
                List.of())));
        assertThat(html).contains("<th scope=\"row\">baseline bundle digest</th><td>sha256:base</td>")
                .contains("<th scope=\"row\">traffic digest</th><td>sha256:traffic</td>");
        assertThat(ScenarioReport.manifestJson(manifest())).contains("\"trafficDigest\" : \"sha256:traffic\"");
    }

    private static ScenarioManifest manifest() {
        ScenarioManifest manifest = new ScenarioManifest();
        manifest.setTenant("trust/acme");
        manifest.setTemplate("policy-tweak");
        manifest.setWindowStart("2026-03-01T00:00:00Z");
        manifest.setWindowEnd("2026-03-02T00:00:00Z");
        manifest.setTrafficDigest("sha256:traffic");
        ScenarioSide baseline = new ScenarioSide();
        baseline.setBundleDigest("sha256:base");
        manifest.setBaseline(baseline);
        return manifest;
    }

    private static ScenarioResult result(ReportTable table) {
        ScenarioSummary summary = new ScenarioSummary();
        summary.setHeadline("headline");
        return new ScenarioResult(summary, new ScenarioSide(), new ScenarioSide(), "sha256:traffic", List.of(table),
                List.of());
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
