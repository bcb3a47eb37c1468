package io.trustfabric.cli.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.v1alpha1.FindingSeverity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LintResultTest {

    private static LocatedFinding finding(FindingSeverity severity, boolean fileProblem) {
        return new LocatedFinding(Path.of("f.yaml"), 1, 1, 1, "TrustPolicy", "p", "n", "code", severity, "spec",
                "message", "fix", List.of(), fileProblem);
    }

    private static int exit(FailLevel failOn, FindingSeverity... severities) {
        return LintResult.exitCode(java.util.Arrays.stream(severities).map(s -> finding(s, false)).toList(), false,
                failOn);
    }

    @Test
    void errorsExit1WarningsAndInfoExit2OnlyWhenAskedFor() {
        assertThat(exit(FailLevel.error)).isZero();
        assertThat(exit(FailLevel.error, FindingSeverity.error, FindingSeverity.warning)).isEqualTo(1);
        assertThat(exit(FailLevel.error, FindingSeverity.warning, FindingSeverity.info)).isZero();
        assertThat(exit(FailLevel.warning, FindingSeverity.warning)).isEqualTo(2);
        assertThat(exit(FailLevel.warning, FindingSeverity.info)).isZero();
        assertThat(exit(FailLevel.warning, FindingSeverity.error, FindingSeverity.warning)).isEqualTo(1);
        assertThat(exit(FailLevel.info, FindingSeverity.info)).isEqualTo(2);
        assertThat(exit(FailLevel.none, FindingSeverity.error, FindingSeverity.warning)).isZero();
    }

    @Test
    void fileAndPathProblemsExit3WhateverTheFailLevel() {
        assertThat(LintResult.exitCode(List.of(finding(FindingSeverity.error, true)), false, FailLevel.none))
                .isEqualTo(3);
        assertThat(LintResult.exitCode(List.of(finding(FindingSeverity.error, false)), true, FailLevel.error))
                .isEqualTo(3);
    }
}
