package io.trustfabric.cli.lint;

import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.JsonPatchOperation;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.nio.file.Path;
import java.util.List;

/**
 * A finding with where it is: file, document (1-based), line and column, and the object it is about. File problems
 * (a YAML syntax error, ...) are reported the same way, with {@code fileProblem} set.
 */
record LocatedFinding(Path file, int document, int line, int column, String kind, String name, String namespace,
                      String code, FindingSeverity severity, String path, String message, String fix,
                      List<JsonPatchOperation> quickFix, boolean fileProblem) {

    static LocatedFinding of(LintTarget target, PolicyFinding finding) {
        SourceFile.Position at = target.document().position(target.prefix(),
                io.trustfabric.operator.lint.FieldPath.segments(finding.getPath() == null ? "" : finding.getPath()));
        return new LocatedFinding(target.file().path(), target.document().index(), at.line(), at.column(),
                target.kind(), target.name(), target.namespace(), finding.getCode(),
                finding.getSeverity() == null ? FindingSeverity.error : finding.getSeverity(), finding.getPath(),
                finding.getMessage(), finding.getFix(),
                finding.getQuickFix() == null ? List.of() : List.copyOf(finding.getQuickFix()), false);
    }

    static LocatedFinding of(SourceFile file, SourceFile.Problem problem) {
        return new LocatedFinding(file.path(), problem.document(), problem.position().line(),
                problem.position().column(), null, null, null, problem.kind().code(), FindingSeverity.error, null,
                problem.message(), fixFor(problem.kind()), List.of(), true);
    }

    private static String fixFor(FileProblem problem) {
        return switch (problem) {
            case INVALID_YAML -> "correct the YAML at this line (documents after it were not linted)";
            case NOT_A_MANIFEST -> "give it apiVersion and kind, or move it out of the linted files";
            case UNREADABLE_FILE -> "make the file readable UTF-8 text";
        };
    }

    boolean fixable() {
        return !quickFix.isEmpty();
    }
}
