package io.trustfabric.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.operator.lint.FileLintEnvironment;
import io.trustfabric.operator.lint.PolicyLinter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The operator's linter run over files: one environment from all of them, findings placed in their files. */
final class Linting {

    private Linting() {
    }

    static PolicyLinter linter(List<SourceFile> files, Clock clock, Duration dryrunMaxAge) {
        List<JsonNode> objects = new ArrayList<>();
        files.forEach(f -> LintTarget.of(f).forEach(t -> objects.add(t.object())));
        return new PolicyLinter(new FileLintEnvironment(objects, clock, dryrunMaxAge));
    }

    /** Every finding and file problem, file by file in the given order, each file's by line. */
    static List<LocatedFinding> lint(List<SourceFile> files, PolicyLinter linter) {
        List<LocatedFinding> all = new ArrayList<>();
        for (SourceFile file : files) {
            List<LocatedFinding> found = new ArrayList<>();
            file.problems().forEach(p -> found.add(LocatedFinding.of(file, p)));
            for (LintTarget target : LintTarget.of(file)) {
                for (PolicyFinding finding : linter.lint(target.object())) {
                    found.add(LocatedFinding.of(target, finding));
                }
            }
            found.sort(Comparator.comparingInt(LocatedFinding::line).thenComparingInt(LocatedFinding::column)
                    .thenComparing(LocatedFinding::severity).thenComparing(LocatedFinding::code));
            all.addAll(found);
        }
        return all;
    }
}
