package io.trustfabric.operator.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.OpaServer;
import io.trustfabric.operator.macro.MacroChecker;
import io.trustfabric.operator.macro.OpaPolicyApi;
import io.trustfabric.testsupport.RequiresOpa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole corpus as the operator lints it: the static linter plus its OPA checks of every PolicyMacro. Measures
 * precision and recall per finding (docs/authoring-policies.md, "How well the linter does") and writes them to
 * target/lint-corpus-report.txt.
 */
@RequiresOpa
class LintCorpusWithOpaTest {

    @Test
    void everyFindingCodeIsFoundWhereExpectedAndNowhereElse(ControlPlaneBinaries binaries, @TempDir Path dir)
            throws IOException {
        try (OpaServer opa = OpaServer.withBundles(binaries, dir, List.of())) {
            MacroChecker checker = new MacroChecker(new OpaPolicyApi(URI.create(opa.url()), Duration.ofSeconds(10)));
            BiFunction<PolicyMacro, String, List<PolicyFinding>> check = (macro, id) -> {
                try {
                    return checker.check(macro.getSpec(), id);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            int truePositives = 0;
            int falsePositives = 0;
            int falseNegatives = 0;
            int flaggedFiles = 0;
            List<String> lines = new ArrayList<>();
            List<Path> faulty = LintCorpus.faulty();
            for (Path file : faulty) {
                LintCorpus.Result result = LintCorpus.lint(file, check);
                truePositives += result.expected().size() - result.missed().size();
                falseNegatives += result.missed().size();
                falsePositives += result.unexpected().size();
                flaggedFiles += result.missed().isEmpty() ? 1 : 0;
                lines.add(file.getFileName() + ": expected " + result.expected() + ", found " + result.found());
            }
            List<Path> correct = LintCorpus.correct();
            int cleanFiles = 0;
            for (Path file : correct) {
                LintCorpus.Result result = LintCorpus.lint(file, check);
                List<String> shown = result.findings().stream()
                        .map(f -> f.getCode() + " " + f.getPath() + ": " + f.getMessage()).toList();
                int extra = Math.max(0, shown.size() - LintCorpus.deliberate(file).size());
                falsePositives += extra;
                cleanFiles += extra == 0 ? 1 : 0;
                lines.add(file + ": " + (shown.isEmpty() ? "clean" : shown));
            }
            double precision = truePositives / (double) (truePositives + falsePositives);
            double recall = truePositives / (double) (truePositives + falseNegatives);
            String report = String.format(Locale.ROOT, "faulty files: %d (%d flagged with every expected code)%n"
                            + "correct files: %d (%d without unexpected findings)%n"
                            + "expected findings: %d, found: %d, missed: %d, unexpected: %d%n"
                            + "precision: %.3f, recall: %.3f%n%n%s%n", faulty.size(), flaggedFiles, correct.size(),
                    cleanFiles, truePositives + falseNegatives, truePositives, falseNegatives, falsePositives,
                    precision, recall, String.join(System.lineSeparator(), lines));
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/lint-corpus-report.txt"), report);
            System.out.println(report.lines().limit(4).reduce("", (a, b) -> a + b + System.lineSeparator()));
            assertThat(falseNegatives).as(report).isZero();
            assertThat(falsePositives).as(report).isZero();
        }
    }
}
