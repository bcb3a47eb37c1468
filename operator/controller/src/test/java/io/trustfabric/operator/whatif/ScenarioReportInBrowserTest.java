package io.trustfabric.operator.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.api.v1alpha1.ScenarioManifest;
import io.trustfabric.api.v1alpha1.ScenarioSide;
import io.trustfabric.api.v1alpha1.ScenarioSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated report opened in headless Chromium (Debian's chromium driven by playwright-core from
 * src/test/browser, installed by build-tools/browser-test-deps.sh): the diff table renders with its caption and
 * rows, and the page makes no request. Without chromium, node or the npm packages the test is skipped with the
 * reason, except with TF_REQUIRE_REAL_BINARIES=true (CI), where it fails.
 */
class ScenarioReportInBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT_DIR = Path.of("src", "test", "browser");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void theDiffTableRendersWithItsCaptionAndRowsAndThePageLoadsNothing() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        String node = onPath("node");
        requireOrSkip(Files.isExecutable(chromium), "chromium is not installed at " + chromium
                + " (apt-get install chromium, or set CHROMIUM_PATH)");
        requireOrSkip(node != null, "node is not on the PATH (install Node.js 18+)");
        requireOrSkip(Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve("playwright-core")),
                "playwright-core is not installed in " + SCRIPT_DIR + " (build-tools/browser-test-deps.sh runs npm ci)");

        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ScenarioReport.MAX_ROWS + 40; i++) {
            rows.add(List.of("2026-03-02T10:00:" + String.format("%02d", i % 60) + "Z", "d" + i,
                    i == 0 ? "<b>globex</b> & co" : "initech", "allowed", "denied"));
        }
        ReportTable diff = new ReportTable("Decisions whose outcome changes (oldest first)", List.of("time",
                "decision", "partner", "recorded", "candidate"), rows);
        ScenarioSummary summary = new ScenarioSummary();
        summary.setHeadline(rows.size() + " decisions change");
        ScenarioManifest manifest = new ScenarioManifest();
        manifest.setTenant("trust/acme");
        manifest.setTemplate("policy-tweak");
        String html = ScenarioReport.html("trust", "tighten", manifest, new ScenarioResult(summary, new ScenarioSide(),
                new ScenarioSide(), "sha256:00", List.of(diff), List.of("a note")));
        Path report = dir.resolve("report.html");
        Files.writeString(report, html, StandardCharsets.UTF_8);

        JsonNode seen = render(node, chromium, report);
        recordRun();
        assertThat(seen.path("caption").asText()).isEqualTo("Decisions whose outcome changes (oldest first) (2,040 rows)");
        assertThat(seen.path("captionVisible").asBoolean()).isTrue();
        assertThat(seen.path("rows").asInt()).isEqualTo(ScenarioReport.MAX_ROWS);
        assertThat(seen.path("visibleRows").asInt()).isEqualTo(ScenarioReport.MAX_ROWS);
        assertThat(seen.path("firstRow")).extracting(JsonNode::asText).containsExactly("2026-03-02T10:00:00Z", "d0",
                "<b>globex</b> & co", "allowed", "denied");
        assertThat(seen.path("scripts").asInt()).isZero();
        assertThat(seen.path("requests")).as("requests besides the page itself").isEmpty();
        assertThat(seen.path("title").asText()).isEqualTo("What-if trust/tighten");
    }

    private static JsonNode render(String node, Path chromium, Path report) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(node, "report-renders.mjs", report.toAbsolutePath().toString())
                .directory(SCRIPT_DIR.toFile());
        builder.environment().put("CHROMIUM_PATH", chromium.toString());
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        builder.redirectErrorStream(false);
        Path errors = Files.createTempFile("report-renders", ".err");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("report-renders.mjs did not finish in " + TIMEOUT);
        }
        assertThat(process.exitValue()).as("report-renders.mjs failed: %s", Files.readString(errors)).isZero();
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        return JSON.readTree(last);
    }

    private static void requireOrSkip(boolean present, String why) {
        if (!present && required()) {
            throw new AssertionError("TF_REQUIRE_REAL_BINARIES=true but " + why);
        }
        Assumptions.assumeTrue(present, "Skipping the what-if report browser test: " + why);
    }

    private static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("TF_REQUIRE_REAL_BINARIES"))
                || Boolean.getBoolean("trustfabric.requireRealBinaries");
    }

    private static String onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** target/browser-tests.log: .ci/check-real-binaries-tests.py checks that this test really ran in CI. */
    private static void recordRun() throws IOException {
        Path log = Path.of("target", "browser-tests.log");
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.writeString(log, "browser\t" + ScenarioReportInBrowserTest.class.getName() + "\n",
                StandardCharsets.UTF_8);
    }
}
