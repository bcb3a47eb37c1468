package io.trustfabric.cli.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.cli.TfctlRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tfctl lint end to end on the fixtures in src/test/resources/lint: policy.yaml (a Tenant and a TrustPolicy with
 * one mistake per rule, behind a modeline), budget.yaml (a PrivacyBudget with a zero cost for a tenant that is not
 * there), clean.yaml (nothing to find) and sizes.json (set sizes upside down and too small).
 */
class LintCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of("src/test/resources/lint");
    private static final String NOW = "2026-12-03T12:00:00Z";

    @TempDir
    Path temp;

    private static TfctlRun lint(Object... args) {
        List<String> all = new ArrayList<>(List.of("lint", "--now", NOW));
        for (Object arg : args) {
            all.add(arg.toString());
        }
        return TfctlRun.of(all.toArray(String[]::new));
    }

    private static JsonNode json(TfctlRun run) throws IOException {
        return JSON.readTree(run.out());
    }

    private static String fixture(String name) {
        return FIXTURES.resolve(name).toString();
    }

    private Path copyFixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            for (Path file : files.toList()) {
                Files.copy(file, temp.resolve(file.getFileName()));
            }
        }
        return temp;
    }

    // ---------------------------------------------------------------- human output

    @Test
    void humanOutputNamesFileLineAndColumnWithTheFixBelow() {
        TfctlRun run = lint(FIXTURES);
        String policy = fixture("policy.yaml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(
                policy + ":21:7  ERROR  unknown-macro  spec.rules[0].macro: no PolicyMacro publishes a macro named "
                        + "'residncy'; did you mean 'residency'?\n    fix: use residency@v1 (fixable with --fix)\n",
                policy + ":27:9  ERROR  unknown-argument  spec.rules[1].with.minSetSise: unknown argument "
                        + "'minSetSise'; did you mean 'minSetSize'?\n",
                policy + ":32:9  ERROR  argument-out-of-range  spec.rules[2].with.k: ",
                policy + ":36:26  WARN   unknown-region  spec.rules[3].with.allowedRegions[0]: 'us-eats-1' ",
                policy + ":37:7  WARN   unknown-field  spec.rules[3].enforcmentAction: unknown field "
                        + "'enforcmentAction'; did you mean 'enforcementAction'?",
                fixture("budget.yaml") + ":7:3  WARN   tenant-not-found  spec.tenantRef: no Tenant 'ghost' in "
                        + "namespace 'trust'\n    fix: check the name, or create the Tenant\n",
                fixture("budget.yaml") + ":", "ERROR  zero-cost  spec.cost.psi", // the linter names the field psi-ca by its Java name, psiCa
                fixture("sizes.json") + ":8:",
                fixture("sizes.json") + ":9:");
        assertThat(run.out()).doesNotContain("clean.yaml").doesNotContain("\u001b[");
        assertThat(run.out().lines().reduce((a, b) -> b).orElseThrow())
                .matches("\\d+ errors, \\d+ warnings, \\d+ info in 4 files \\(\\d+ fixable with --fix\\)");
    }

    @Test
    void findingsOfAFileAreInLineOrder() {
        List<Integer> lines = new ArrayList<>();
        lint(fixture("policy.yaml")).out().lines().filter(l -> l.startsWith(fixture("policy.yaml")))
                .forEach(l -> lines.add(Integer.parseInt(l.split(":")[1])));
        assertThat(lines).hasSizeGreaterThanOrEqualTo(6).isSorted();
    }

    @Test
    void theSummaryCountsInWords() {
        TfctlRun one = lint(fixture("budget.yaml"));
        assertThat(one.out()).endsWith("1 error, 0 warnings, 0 info in 1 file\n");
        TfctlRun clean = lint(fixture("clean.yaml"));
        assertThat(clean.out()).isEqualTo("no findings in 1 file\n");
        assertThat(clean.exitCode()).isZero();
    }

    @Test
    void tenantsAreCheckedOnlyWhereTheFilesHoldTheNamespacesTenants() {
        // with policy.yaml, namespace trust has Tenant acme: the budget's tenant 'ghost' is reported
        assertThat(lint(fixture("budget.yaml"), fixture("policy.yaml")).out()).contains("tenant-not-found");
        // alone, nothing is known about namespace trust's tenants
        assertThat(lint(fixture("budget.yaml")).out()).doesNotContain("tenant-not-found");
    }

    @Test
    void quietPrintsOnlyWhatCountsForTheExitCode() {
        TfctlRun run = lint("--quiet", FIXTURES);
        assertThat(run.out()).contains("ERROR").doesNotContain("WARN ");
        TfctlRun clean = lint("-q", fixture("clean.yaml"));
        assertThat(clean.out()).isEmpty();
    }

    // ---------------------------------------------------------------- exit codes

    @Test
    void exitCodesFollowTheFailLevel() throws IOException {
        Path warningsOnly = temp.resolve("warnings.yaml");
        Files.writeString(warningsOnly, """
                apiVersion: trustfabric.io/v1alpha1
                kind: TrustPolicy
                metadata: {name: p, namespace: trust}
                spec:
                  tenantRef: acme
                  rules:
                    - name: caps
                      macro: set-size-cap@v1
                      with: {minSetSize: 5, maxSetSize: 100}
                """);
        assertThat(lint(warningsOnly).exitCode()).isZero();
        assertThat(lint("--fail-on", "warning", warningsOnly).exitCode()).isEqualTo(2);
        assertThat(lint("--fail-on", "info", warningsOnly).exitCode()).isEqualTo(2);
        assertThat(lint("--fail-on", "none", warningsOnly).exitCode()).isZero();
        assertThat(lint(fixture("budget.yaml")).exitCode()).isEqualTo(1);
        assertThat(lint("--fail-on", "warning", fixture("budget.yaml")).exitCode()).isEqualTo(1);
        assertThat(lint("--fail-on", "none", fixture("budget.yaml")).exitCode()).isZero();
    }

    @Test
    void aYamlSyntaxErrorIsReportedAtItsLineAndExits3() throws IOException {
        Path broken = temp.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: v1\nkind: ConfigMap\ndata:\n  list: [a, b\n  k: v\n");
        TfctlRun run = lint(broken, fixture("clean.yaml"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains(broken + ":5:")
                .contains("ERROR  invalid-yaml  while parsing a flow sequence")
                .endsWith("1 error, 0 warnings, 0 info in 2 files\n");
    }

    @Test
    void aDocumentThatIsNotAManifestExits3() throws IOException {
        Path values = temp.resolve("values.yaml");
        Files.writeString(values, "replicas: 3\n");
        TfctlRun run = lint(values);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains(values + ":1:1  ERROR  not-a-manifest  document 1 has no apiVersion or kind");
    }

    @Test
    void pathAndUsageProblemsExit3() throws IOException {
        TfctlRun missing = lint(temp.resolve("nothing-here.yaml"), fixture("clean.yaml"));
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("does not exist");
        assertThat(missing.out()).contains("no findings in 1 file");

        Files.createDirectories(temp.resolve("nested/deeper"));
        Files.copy(FIXTURES.resolve("clean.yaml"), temp.resolve("nested/deeper/clean.yaml"));
        TfctlRun empty = lint(temp.resolve("nested"));
        assertThat(empty.exitCode()).isEqualTo(3);
        assertThat(empty.err()).contains("no .yaml, .yml or .json files").contains("-R");

        assertThat(lint("--output", "xml", FIXTURES).exitCode()).isEqualTo(3);
        assertThat(lint("--fail-on", "sometimes", FIXTURES).exitCode()).isEqualTo(3);
        assertThat(lint("--dry-run", FIXTURES).exitCode()).isEqualTo(3);
        assertThat(TfctlRun.of("lint", "--now", "yesterday", FIXTURES.toString()).exitCode()).isEqualTo(3);
        assertThat(TfctlRun.of("lint").exitCode()).isEqualTo(3);
    }

    @Test
    void directoriesAreReadAsApplyReadsThemAndRecursivelyWithR() throws IOException {
        Files.createDirectories(temp.resolve("nested/deeper"));
        Files.copy(FIXTURES.resolve("clean.yaml"), temp.resolve("nested/clean.yaml"));
        Files.copy(FIXTURES.resolve("budget.yaml"), temp.resolve("nested/deeper/budget.yaml"));
        Files.writeString(temp.resolve("nested/notes.txt"), "not a manifest");
        assertThat(lint(temp.resolve("nested")).out()).isEqualTo("no findings in 1 file\n");
        TfctlRun recursive = lint("-R", temp.resolve("nested"));
        assertThat(recursive.out()).contains("zero-cost").contains("in 2 files");
        assertThat(lint(temp.resolve("nested"), temp.resolve("nested/clean.yaml")).out())
                .isEqualTo("no findings in 1 file\n");
    }

    // ---------------------------------------------------------------- JSON

    @Test
    void jsonOutputIsOneStableDocument() throws IOException {
        TfctlRun run = lint("--output", "json", FIXTURES);
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = json(run);
        assertThat(report.fieldNames()).toIterable().containsExactly("files", "findings", "rewritten", "summary");
        assertThat(report.path("files").asInt()).isEqualTo(4);
        JsonNode macro = null;
        for (JsonNode f : report.path("findings")) {
            assertThat(f.fieldNames()).toIterable().containsExactly("file", "document", "line", "column", "kind",
                    "name", "namespace", "code", "severity", "path", "message", "fix", "quickFix");
            if (f.path("code").asText().equals("unknown-macro")) {
                macro = f;
            }
        }
        assertThat(macro).isNotNull();
        assertThat(macro.path("file").asText()).isEqualTo(fixture("policy.yaml"));
        assertThat(macro.path("document").asInt()).isEqualTo(2);
        assertThat(macro.path("line").asInt()).isEqualTo(21);
        assertThat(macro.path("column").asInt()).isEqualTo(7);
        assertThat(macro.path("kind").asText()).isEqualTo("TrustPolicy");
        assertThat(macro.path("name").asText()).isEqualTo("acme-policy");
        assertThat(macro.path("namespace").asText()).isEqualTo("trust");
        assertThat(macro.path("severity").asText()).isEqualTo("error");
        assertThat(macro.path("path").asText()).isEqualTo("spec.rules[0].macro");
        assertThat(macro.path("quickFix").toString())
                .isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/rules/0/macro\",\"value\":\"residency@v1\"}]");
        JsonNode summary = report.path("summary");
        assertThat(summary.path("errors").asInt()).isPositive();
        assertThat(summary.path("failOn").asText()).isEqualTo("error");
        assertThat(summary.path("exitCode").asInt()).isEqualTo(1);
        int fixable = 0;
        for (JsonNode f : report.path("findings")) {
            fixable += f.path("quickFix").isEmpty() ? 0 : 1;
        }
        assertThat(summary.path("fixable").asInt()).isEqualTo(fixable);
    }

    @Test
    void jsonFindingsOfJsonFilesHaveTheirPositionsToo() throws IOException {
        JsonNode report = json(lint("-o", "json", fixture("sizes.json")));
        List<String> lines = Files.readAllLines(FIXTURES.resolve("sizes.json"));
        for (JsonNode f : report.path("findings")) {
            if (f.path("path").asText().endsWith("minSetSize")) {
                String line = lines.get(f.path("line").asInt() - 1);
                assertThat(line.substring(f.path("column").asInt() - 1)).startsWith("\"minSetSize\"");
            }
        }
        assertThat(report.path("findings")).extracting(f -> f.path("code").asText())
                .contains("set-size-min-above-max", "membership-probing");
    }

    // ---------------------------------------------------------------- SARIF

    @Test
    void sarifOutputHasTheEssentialsOfSarif210() throws IOException {
        TfctlRun run = lint("--output", "sarif", FIXTURES);
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode sarif = json(run);
        assertThat(sarif.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("runs")).hasSize(1);
        JsonNode run0 = sarif.path("runs").get(0);
        JsonNode driver = run0.path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("tfctl lint");
        assertThat(driver.has("informationUri")).isFalse();
        List<String> ruleIds = new ArrayList<>();
        for (JsonNode rule : driver.path("rules")) {
            ruleIds.add(rule.path("id").asText());
            assertThat(rule.path("shortDescription").path("text").asText()).isNotBlank();
            assertThat(rule.path("defaultConfiguration").path("level").asText()).isIn("error", "warning", "note");
        }
        assertThat(ruleIds).doesNotHaveDuplicates().contains("unknown-macro", "zero-cost", "unknown-region");
        JsonNode results = run0.path("results");
        assertThat(results).isNotEmpty();
        Set<String> used = new HashSet<>();
        for (JsonNode result : results) {
            String ruleId = result.path("ruleId").asText();
            used.add(ruleId);
            assertThat(ruleIds).contains(ruleId);
            assertThat(ruleIds.get(result.path("ruleIndex").asInt())).isEqualTo(ruleId);
            assertThat(result.path("level").asText()).isIn("none", "note", "warning", "error");
            assertThat(result.path("message").path("text").asText()).isNotBlank();
            JsonNode location = result.path("locations").get(0).path("physicalLocation");
            String uri = location.path("artifactLocation").path("uri").asText();
            assertThat(uri).startsWith("src/test/resources/lint/").doesNotContain("\\").doesNotContain("..");
            assertThat(location.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
            assertThat(location.path("region").path("startLine").asInt()).isPositive();
            assertThat(location.path("region").path("startColumn").asInt()).isPositive();
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(ruleIds);
        JsonNode macro = null;
        for (JsonNode result : results) {
            if (result.path("ruleId").asText().equals("unknown-macro")) {
                macro = result;
            }
        }
        assertThat(macro.path("level").asText()).isEqualTo("error");
        assertThat(macro.path("message").path("text").asText()).contains("did you mean 'residency'?")
                .contains("Fix: use residency@v1");
        assertThat(macro.path("properties").path("quickFix").get(0).path("value").asText()).isEqualTo("residency@v1");
        assertThat(macro.has("fixes")).isFalse();
        JsonNode region = macro.path("locations").get(0).path("physicalLocation").path("region");
        assertThat(region.path("startLine").asInt()).isEqualTo(21);
        assertThat(region.path("startColumn").asInt()).isEqualTo(7);
    }

    @Test
    void sarifLevelsComeFromSeverities() throws IOException {
        JsonNode sarif = json(lint("-o", "sarif", FIXTURES));
        for (JsonNode result : sarif.path("runs").get(0).path("results")) {
            String expected = switch (result.path("ruleId").asText()) {
                case "zero-cost", "unknown-macro" -> "error";
                case "membership-probing", "unknown-region", "tenant-not-found" -> "warning";
                default -> result.path("level").asText();
            };
            assertThat(result.path("level").asText()).as(result.path("ruleId").asText()).isEqualTo(expected);
        }
        assertThat(json(lint("-o", "sarif", fixture("clean.yaml"))).path("runs").get(0).path("results")).isEmpty();
    }

    // ---------------------------------------------------------------- --fix

    @Test
    void fixRewritesOnlyTheFilesWithQuickFixesKeepingModelineAndOtherDocuments() throws IOException {
        Path dir = copyFixtures();
        byte[] clean = Files.readAllBytes(dir.resolve("clean.yaml"));
        byte[] budget = Files.readAllBytes(dir.resolve("budget.yaml"));
        String policyBefore = Files.readString(dir.resolve("policy.yaml"));

        TfctlRun fix = lint("--fix", dir);
        assertThat(fix.out()).contains("rewrote " + dir.resolve("policy.yaml") + ": ")
                .contains("rewrote " + dir.resolve("sizes.json") + ": ")
                .doesNotContain("rewrote " + dir.resolve("budget.yaml"))
                .doesNotContain("(fixable with --fix)");
        assertThat(fix.exitCode()).isEqualTo(1); // budget.yaml's zero cost has no quick fix

        assertThat(Files.readAllBytes(dir.resolve("clean.yaml"))).isEqualTo(clean);
        assertThat(Files.readAllBytes(dir.resolve("budget.yaml"))).isEqualTo(budget);
        String policyAfter = Files.readString(dir.resolve("policy.yaml"));
        assertThat(policyAfter).startsWith("# yaml-language-server: $schema=https://example.invalid/trustpolicy.json\n"
                + "# The tenant and its policy, with mistakes for tfctl lint to find.\n");
        String tenant = policyBefore.substring(0, policyBefore.indexOf("---\n") + 4);
        assertThat(policyAfter).startsWith(tenant).contains("---\n# the policy: every rule has one mistake\n")
                .contains("macro: residency@v1           # a typo")
                .contains("minSetSize: 20").contains("k: 2").contains("enforcementAction: warn")
                .doesNotContain("us-eats-1").doesNotContain("residncy").doesNotContain("minSetSise");

        JsonNode again = json(lint("-o", "json", dir));
        assertThat(again.path("summary").path("fixable").asInt()).isZero();
        assertThat(again.path("findings")).extracting(f -> f.path("code").asText())
                .doesNotContain("unknown-macro", "unknown-argument", "argument-out-of-range", "unknown-region",
                        "unknown-field", "set-size-min-above-max", "membership-probing")
                .contains("zero-cost");
        JsonNode sizes = JSON.readTree(dir.resolve("sizes.json").toFile()).path("spec").path("rules");
        assertThat(sizes.get(0).path("with").path("minSetSize").asInt()).isEqualTo(100);
        assertThat(sizes.get(0).path("with").path("maxSetSize").asInt()).isEqualTo(500);
        assertThat(sizes.get(1).path("with").path("minSetSize").asInt()).isEqualTo(10);

        TfctlRun second = lint("--fix", dir);
        assertThat(second.out()).doesNotContain("rewrote");
        assertThat(Files.readString(dir.resolve("policy.yaml"))).isEqualTo(policyAfter);
    }

    @Test
    void fixSaysWhichCommentsWereNotKept() throws IOException {
        Path file = temp.resolve("budget.yaml");
        Files.writeString(file, """
                apiVersion: trustfabric.io/v1alpha1
                kind: PrivacyBudget
                metadata: {name: b, namespace: trust}
                spec:
                  tenantRef: acme
                  epsilonPerPeriod: "25.0"
                  cost:
                    psi-ca: "0.1"
                    perElement: "0"    # a per-element cost of nothing
                  period: {calendar: Monthly}
                """);
        TfctlRun run = lint("--fix", file);
        assertThat(run.out()).contains("rewrote " + file + ": 1 quick fix (1 comment inside the fixed documents was "
                + "not kept)");
        assertThat(Files.readString(file)).doesNotContain("perElement");
    }

    @Test
    void fixWithDryRunPrintsADiffAndWritesNothing() throws IOException {
        Path dir = copyFixtures();
        byte[] before = Files.readAllBytes(dir.resolve("policy.yaml"));
        TfctlRun run = lint("--fix", "--dry-run", dir.resolve("policy.yaml"));
        assertThat(Files.readAllBytes(dir.resolve("policy.yaml"))).isEqualTo(before);
        String name = dir.resolve("policy.yaml").toString();
        assertThat(run.out()).contains("would rewrite " + name)
                .contains("--- " + name + "\n+++ " + name + "\n@@ -")
                .contains("\n-        k: 1\n+        k: 2\n")
                .contains("\nafter these fixes (lines as in the fixed files):\n")
                .contains("no findings in 1 file");
        assertThat(run.exitCode()).isZero();
        assertThat(lint("--fix", "--diff", "-o", "json", dir.resolve("policy.yaml")).err()).contains("@@ -");
    }

    @Test
    void fixInsideAListDocumentRewritesThatItem() throws IOException {
        Path file = temp.resolve("list.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: Namespace
                    metadata: {name: trust}
                  - apiVersion: trustfabric.io/v1alpha1
                    kind: TrustPolicy
                    metadata: {name: p, namespace: trust}
                    spec:
                      tenantRef: acme
                      rules:
                        - name: k
                          macro: k-threshold@v1
                          with: {k: 1}
                """);
        TfctlRun before = lint(file);
        assertThat(before.out()).contains(file + ":15:", "argument-out-of-range  spec.rules[0].with.k");
        lint("--fix", file);
        JsonNode fixed = SourceFile.YAML.readTree(file.toFile());
        assertThat(fixed.path("items").get(1).path("spec").path("rules").get(0).path("with").path("k").asInt())
                .isEqualTo(2);
        assertThat(fixed.path("items").get(0).path("metadata").path("name").asText()).isEqualTo("trust");
    }

    // ---------------------------------------------------------------- the examples

    @Test
    void everyExampleFolderLintsWithoutFindingsButTheExpiredPartnerLimitedGaShows() throws IOException {
        Path examples = Path.of("../examples");
        List<Path> folders;
        try (Stream<Path> list = Files.list(examples)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(folders).isNotEmpty();
        for (Path folder : folders) {
            // -R: examples/gitops keeps its manifests in subfolders (a kustomize tenant folder, Argo CD, Flux)
            TfctlRun run = lint("-o", "json", "-R", folder);
            assertThat(run.exitCode()).as(folder + ": " + run.out() + run.err()).isZero();
            JsonNode report = json(run);
            assertThat(report.path("files").asInt()).as(folder.toString()).isPositive();
            for (JsonNode f : report.path("findings")) {
                // limited-ga shows an expired partner on purpose (its README); everything else must be clean
                assertThat(folder.getFileName() + " " + f.path("code").asText() + " " + f.path("path").asText())
                        .as(f.toString()).isEqualTo("limited-ga partner-expired spec.partners[1].expires");
            }
        }
        assertThat(lint("-R", examples).exitCode()).isZero();
    }

    @Test
    void theGitOpsTenantFolderLintsCleanAndItsTenantIsChecked(@TempDir Path tmp) throws IOException {
        // the command examples/gitops/README.md gives
        Path folder = Path.of("../examples/gitops/tenants/acme/");
        TfctlRun run = lint("-R", folder);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("no findings in 8 files");

        // the folder holds its Tenant, so a policy naming another tenant is caught before any sync
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.writeString(tmp.resolve(file.getFileName()), Files.readString(file)
                        .replace("tenantRef: acme", "tenantRef: acme-retail"));
            }
        }
        Files.writeString(tmp.resolve("30-tenant-acme.yaml"), Files.readString(folder.resolve("30-tenant-acme.yaml")));
        TfctlRun typo = lint("-o", "json", "-R", tmp);
        assertThat(typo.exitCode()).as(typo.out() + typo.err()).isZero();
        assertThat(typo.out()).contains("tenant-not-found");
    }

    @Test
    void theHelpListsTheExitCodes() {
        TfctlRun help = TfctlRun.of("lint", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:", "--fix", "--fail-on", "--output", "sarif");
        assertThat(TfctlRun.of().out()).contains("lint");
    }
}
