package io.trustfabric.cli.lint;

import io.trustfabric.api.v1alpha1.FindingSeverity;
import java.io.PrintWriter;

/**
 * The default output: one line per finding, {@code file:line:col  SEVERITY  code  path: message}, its fix indented
 * below, then a summary line.
 */
final class HumanReport {

    private static final String RESET = "\u001b[0m";

    private HumanReport() {
    }

    /**
     * @param colour whether to colour the severity badges (stdout is a terminal and NO_COLOR is not set)
     * @param quiet print only the findings that count for the exit code (at or above --fail-on; errors with none)
     */
    static void print(LintResult result, PrintWriter out, boolean colour, boolean quiet) {
        int printed = 0;
        for (LocatedFinding f : result.findings()) {
            if (quiet && !shown(f, result.failOn())) {
                continue;
            }
            printed++;
            out.println(f.file() + ":" + f.line() + ":" + f.column() + "  " + badge(f.severity(), colour) + "  "
                    + f.code() + "  " + (f.path() == null ? "" : f.path() + ": ") + f.message());
            if (f.fix() != null && !f.fix().isBlank()) {
                out.println("    fix: " + f.fix() + (f.fixable() ? result.fixed()
                        ? " (its quick fix did not remove it: fix it by hand)" : " (fixable with --fix)" : ""));
            }
        }
        if (!quiet || printed > 0) {
            out.println(summary(result));
        }
        out.flush();
    }

    private static boolean shown(LocatedFinding finding, FailLevel failOn) {
        return failOn == FailLevel.none ? finding.severity() == FindingSeverity.error : failOn.fails(finding.severity());
    }

    static String summary(LintResult result) {
        int files = result.files().size();
        String in = " in " + files + (files == 1 ? " file" : " files");
        if (result.findings().isEmpty()) {
            return "no findings" + in;
        }
        long errors = result.count(FindingSeverity.error);
        long warnings = result.count(FindingSeverity.warning);
        long info = result.count(FindingSeverity.info);
        long fixable = result.fixable();
        return errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning, " : " warnings, ")
                + info + " info" + in + (fixable == 0 ? "" : result.fixed()
                ? " (" + fixable + " with a quick fix --fix could not apply)" : " (" + fixable + " fixable with --fix)");
    }

    private static String badge(FindingSeverity severity, boolean colour) {
        String text = switch (severity) {
            case error -> "ERROR";
            case warning -> "WARN ";
            case info -> "INFO ";
        };
        if (!colour) {
            return text;
        }
        String code = switch (severity) {
            case error -> "\u001b[1;31m";
            case warning -> "\u001b[33m";
            case info -> "\u001b[36m";
        };
        return code + text + RESET;
    }
}
