package io.trustfabric.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trustfabric.operator.lint.PolicyLinter;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3,
        description = {
            "Lint Trust Fabric manifests offline with the operator's own linter: TrustPolicy, PolicyMacro, "
                    + "PrivacyBudget and PartnerAllowlist (other kinds are read, not checked).",
            "Files and directories are read as tfctl apply -f reads them (a directory's .yaml/.yml/.json files in "
                    + "name order; -R also reads its subdirectories). Macros are the built-in catalog plus the "
                    + "PolicyMacros among the files; tenants are checked only in namespaces whose Tenants are among "
                    + "the files."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no finding at or above --fail-on",
            "1:error findings (unless --fail-on none)",
            "2:no errors, but findings at or above --fail-on warning or info",
            "3:a path or file could not be read or linted (missing, not YAML, not a manifest), --fix could not "
                    + "rewrite a file, or invalid options"})
public final class LintCommand implements Callable<Integer> {

    /** Output formats. */
    enum Output { human, json, sarif }

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Manifest files or directories.")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-R", "--recursive"}, description = "Also read the subdirectories of a directory.")
    boolean recursive;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "human",
            description = "human (default), json or sarif (SARIF 2.1.0, for code scanning).")
    Output output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
            description = "Lowest severity that makes the exit code non-zero: error (default), warning, info or none.")
    FailLevel failOn;

    @Option(names = "--fix", description = "Apply every quick fix, rewrite the documents that had any (other "
            + "documents and leading comments stay as they are; some comments inside a fixed document can be lost, "
            + "tfctl says how many), then report what is left.")
    boolean fix;

    @Option(names = {"--dry-run", "--diff"}, description = "With --fix: print the changes as a diff instead of "
            + "writing them.")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "Print only the findings that count for the exit code "
            + "(at or above --fail-on; errors with --fail-on none); no summary when there are none. Human output only.")
    boolean quiet;

    @Option(names = "--dryrun-max-days", paramLabel = "DAYS", defaultValue = "14",
            description = "How long a rule may stay in dryrun before dryrun-too-long (default 14, as the operator).")
    int dryrunMaxDays;

    @Option(names = "--now", paramLabel = "RFC3339", converter = InstantConverter.class,
            description = "The time to lint at (e.g. 2026-12-03T12:00:00Z), for reproducible runs; default: now.")
    Instant now;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (dryRun && !fix) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dry-run (--diff) needs --fix");
        }
        if (dryrunMaxDays < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dryrun-max-days must not be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean problems = false;
        ManifestFiles.Found found;
        try {
            found = ManifestFiles.expand(paths, recursive);
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 3;
        }
        for (String missing : found.missing()) {
            err.println("error: the path \"" + missing + "\" does not exist");
            problems = true;
        }
        if (found.files().isEmpty() && found.missing().isEmpty()) {
            boolean nested = paths.stream().anyMatch(p -> Files.isDirectory(p) && ManifestFiles.hasSubdirectories(p));
            err.println("error: no .yaml, .yml or .json files in " + String.join(", ", paths.stream()
                    .map(Path::toString).toList()) + (nested && !recursive
                    ? " (subdirectories are read only with -R, as tfctl apply -f does not read them)" : ""));
            problems = true;
        }
        List<SourceFile> files = new ArrayList<>();
        found.files().forEach(f -> files.add(read(f)));
        Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC);
        Duration dryrunMaxAge = Duration.ofDays(dryrunMaxDays);
        List<LintResult.Rewrite> rewrites = new ArrayList<>();
        if (fix) {
            problems |= fix(files, Linting.linter(files, clock, dryrunMaxAge), rewrites, output == Output.human ? out
                    : err, err);
        }
        List<LocatedFinding> findings = Linting.lint(files, Linting.linter(files, clock, dryrunMaxAge));
        int exitCode = LintResult.exitCode(findings, problems, failOn);
        LintResult result = new LintResult(files, findings, rewrites, fix, failOn, exitCode);
        err.flush();
        switch (output) {
            case json -> JsonReport.print(result, out);
            case sarif -> SarifReport.print(result, out, toolVersion(), Path.of("").toAbsolutePath());
            default -> {
                if (dryRun && !rewrites.isEmpty()) {
                    out.println("after these fixes (lines as in the fixed files):");
                }
                HumanReport.print(result, out, colour(), quiet);
            }
        }
        return exitCode;
    }

    private static SourceFile read(Path file) {
        try {
            return SourceFile.parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            String reason = e instanceof java.nio.charset.CharacterCodingException ? "not UTF-8 text"
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            return SourceFile.unreadable(file, "cannot read " + file + ": " + reason);
        }
    }

    /**
     * Fixes every file with quick fixes, replacing it in {@code files} by what it reads after the fixes. Returns
     * whether a file could not be rewritten.
     */
    private boolean fix(List<SourceFile> files, PolicyLinter linter, List<LintResult.Rewrite> rewrites,
                        PrintWriter notes, PrintWriter err) {
        boolean problems = false;
        for (int i = 0; i < files.size(); i++) {
            SourceFile file = files.get(i);
            if (file.problems().stream().anyMatch(p -> p.kind() != FileProblem.NOT_A_MANIFEST)) {
                continue; // not read completely: rewriting it could lose what was not read
            }
            Map<Integer, JsonNode> roots = new LinkedHashMap<>();
            int fixes = 0;
            for (LintTarget target : LintTarget.of(file)) {
                Fixer.Result fixed = Fixer.fix(linter::lint, target.object());
                if (!fixed.changed()) {
                    continue;
                }
                fixes += fixed.applied().size();
                int index = target.document().index();
                if (target.item() < 0) {
                    roots.put(index, fixed.object());
                } else {
                    JsonNode root = roots.computeIfAbsent(index, k -> target.document().root().deepCopy());
                    ((ArrayNode) root.get("items")).set(target.item(), fixed.object());
                }
            }
            if (roots.isEmpty()) {
                continue;
            }
            try {
                Rewriter.Result rewritten = Rewriter.rewrite(file, roots);
                if (!dryRun) {
                    Files.writeString(file.path(), rewritten.text(), StandardCharsets.UTF_8);
                }
                String diff = dryRun ? UnifiedDiff.of(file.path().toString(), Rewriter.lines(file.text()),
                        rewritten.edits()) : null;
                rewrites.add(new LintResult.Rewrite(file.path(), fixes, rewritten.commentsLost(), !dryRun, diff));
                files.set(i, rewritten.after());
                notes.println((dryRun ? "would rewrite " : "rewrote ") + file.path() + ": " + fixes
                        + (fixes == 1 ? " quick fix" : " quick fixes") + (rewritten.commentsLost() == 0 ? ""
                        : " (" + rewritten.commentsLost() + (rewritten.commentsLost() == 1 ? " comment" : " comments")
                        + " inside the fixed documents " + (dryRun ? "would not be" : rewritten.commentsLost() == 1
                        ? "was not" : "were not") + " kept)"));
                if (diff != null) {
                    notes.print(diff);
                }
                notes.flush();
            } catch (Rewriter.RewriteException | IOException e) {
                err.println("error: cannot rewrite " + file.path() + " (" + e.getMessage() + "); it was not changed");
                problems = true;
            }
        }
        return problems;
    }

    private String toolVersion() {
        String[] version = spec.root().version();
        return version.length == 0 ? null : version[0].replaceFirst("^tfctl\\s+", "");
    }

    /** Colour only for people: stdout is a terminal and NO_COLOR (no-color.org) is not set. */
    private static boolean colour() {
        String noColor = System.getenv("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // Java 22+ has a console even when redirected; isTerminal() tells
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** RFC 3339 date-times: 2026-12-03T12:00:00Z or with an offset. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an RFC 3339 time such as "
                        + "2026-12-03T12:00:00Z");
            }
        }
    }
}
