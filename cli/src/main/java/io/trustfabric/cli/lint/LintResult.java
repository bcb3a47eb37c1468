package io.trustfabric.cli.lint;

import io.trustfabric.api.v1alpha1.FindingSeverity;
import java.nio.file.Path;
import java.util.List;

/** What one tfctl lint run found and did, for the three output formats. */
record LintResult(List<SourceFile> files, List<LocatedFinding> findings, List<Rewrite> rewrites, boolean fixed,
                  FailLevel failOn, int exitCode) {

    /** A file --fix rewrote (or, with --dry-run, would rewrite). */
    record Rewrite(Path file, int fixes, int commentsLost, boolean written, String diff) {
    }

    long count(FindingSeverity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    long fixable() {
        return findings.stream().filter(LocatedFinding::fixable).count();
    }

    /** Exit codes: 3 a file or argument problem, 1 errors, 2 other findings at or above --fail-on, else 0. */
    static int exitCode(List<LocatedFinding> findings, boolean problems, FailLevel failOn) {
        if (problems || findings.stream().anyMatch(LocatedFinding::fileProblem)) {
            return 3;
        }
        if (findings.stream().anyMatch(f -> f.severity() == FindingSeverity.error && failOn.fails(f.severity()))) {
            return 1;
        }
        return findings.stream().anyMatch(f -> failOn.fails(f.severity())) ? 2 : 0;
    }
}
