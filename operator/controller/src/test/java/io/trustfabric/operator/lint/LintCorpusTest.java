package io.trustfabric.operator.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The static linter on the corpus: what needs no policy engine (the OPA checks: {@link LintCorpusWithOpaTest}). */
class LintCorpusTest {

    private static final Set<String> NEEDS_OPA = Arrays.stream(FindingCode.values())
            .map(FindingCode::code).filter(c -> c.startsWith("rego-")).collect(Collectors.toSet());

    @Test
    void everyFaultyFileIsFlaggedWithExactlyItsExpectedCodes() {
        List<Path> files = LintCorpus.faulty();
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        for (Path file : files) {
            LintCorpus.Result result = LintCorpus.lint(file, null);
            assertThat(result.expected()).as(file + " has an expect: header").isNotEmpty();
            Set<String> expected = new TreeSet<>(result.expected());
            expected.removeAll(NEEDS_OPA);
            Set<String> found = new TreeSet<>(result.found());
            assertThat(found).as(file + ": " + result.findings().stream().map(f -> f.getCode() + " " + f.getPath()
                    + ": " + f.getMessage()).toList()).isEqualTo(expected);
        }
    }

    @Test
    void theCorrectFilesAndEveryExampleLintClean() {
        List<Path> files = LintCorpus.correct();
        assertThat(files).anyMatch(f -> f.toString().contains("examples/policies"));
        for (Path file : files) {
            LintCorpus.Result result = LintCorpus.lint(file, null);
            assertThat(result.findings().stream().map(f -> f.getCode() + " " + f.getPath() + ": " + f.getMessage())
                    .toList()).as(file.toString()).isEqualTo(LintCorpus.deliberate(file));
        }
    }

    @Test
    void theCorpusCoversEveryFindingCode() {
        Set<String> covered = LintCorpus.faulty().stream().flatMap(f -> LintCorpus.lint(f, null).expected().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).containsAll(Arrays.stream(FindingCode.values()).map(FindingCode::code).toList());
    }
}
