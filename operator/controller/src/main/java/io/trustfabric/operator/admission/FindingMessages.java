package io.trustfabric.operator.admission;

import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.util.ArrayList;
import java.util.List;

/**
 * How lint findings read in an admission answer. Errors become the refusal's message, one line per finding:
 * {@code <path>: <message> [<code>] (fix: <fix>)}. Warnings become AdmissionReview warnings, one per finding:
 * {@code <code>: <path>: <message>}, each at most {@value #MAX_WARNING_LENGTH} characters (the API server truncates
 * longer ones) and at most {@value #MAX_WARNINGS} of them.
 */
public final class FindingMessages {

    public static final int MAX_WARNING_LENGTH = 250;
    public static final int MAX_WARNINGS = 20;
    /** Errors listed in one refusal; the rest are counted. */
    public static final int MAX_ERRORS = 20;

    private FindingMessages() {
    }

    /** The message of a refusal for the error findings (at least one). */
    public static String refusal(ReviewRequest request, List<PolicyFinding> errors) {
        StringBuilder message = new StringBuilder(request.describe()).append(" has ").append(errors.size())
                .append(errors.size() == 1 ? " lint error" : " lint errors").append(':');
        int listed = Math.min(errors.size(), MAX_ERRORS);
        for (PolicyFinding error : errors.subList(0, listed)) {
            message.append("\n- ").append(errorLine(error));
        }
        if (errors.size() > listed) {
            message.append("\n- ... and ").append(errors.size() - listed).append(" more");
        }
        return message.toString();
    }

    /** {@code <path>: <message> [<code>] (fix: <fix>)}; the path and the fix are left out when absent. */
    static String errorLine(PolicyFinding finding) {
        StringBuilder line = new StringBuilder();
        if (present(finding.getPath())) {
            line.append(oneLine(finding.getPath())).append(": ");
        }
        line.append(present(finding.getMessage()) ? oneLine(finding.getMessage()) : "(no message)");
        line.append(" [").append(code(finding)).append(']');
        if (present(finding.getFix())) {
            line.append(" (fix: ").append(oneLine(finding.getFix())).append(')');
        }
        return line.toString();
    }

    /** One warning per finding, shortened and capped; the last one counts the rest when there are too many. */
    public static List<String> warnings(List<PolicyFinding> findings) {
        List<String> warnings = new ArrayList<>();
        boolean capped = findings.size() > MAX_WARNINGS;
        int listed = capped ? MAX_WARNINGS - 1 : findings.size();
        for (PolicyFinding finding : findings.subList(0, listed)) {
            warnings.add(warning(finding));
        }
        if (capped) {
            warnings.add("... and " + (findings.size() - listed) + " more lint warnings");
        }
        return warnings;
    }

    /** {@code <code>: <path>: <message>}, at most {@value #MAX_WARNING_LENGTH} characters. */
    public static String warning(PolicyFinding finding) {
        StringBuilder text = new StringBuilder(code(finding)).append(": ");
        if (present(finding.getPath())) {
            text.append(oneLine(finding.getPath())).append(": ");
        }
        text.append(present(finding.getMessage()) ? oneLine(finding.getMessage()) : "(no message)");
        return shorten(text.toString(), MAX_WARNING_LENGTH);
    }

    public static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static String code(PolicyFinding finding) {
        return present(finding.getCode()) ? oneLine(finding.getCode()) : "lint";
    }

    /** Control characters (new lines included) become spaces: warnings travel in one HTTP header line each. */
    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
