package io.trustfabric.cli.lint;

/**
 * What keeps tfctl lint from linting (part of) a file. Reported like findings (with these codes, severity error) but
 * they are not the linter's findings: they make tfctl lint exit 3, as the file was not fully linted.
 */
enum FileProblem {
    INVALID_YAML("invalid-yaml", "The file is not valid YAML (or JSON); documents after the error are not linted."),
    NOT_A_MANIFEST("not-a-manifest", "A document is not a mapping with apiVersion and kind (tfctl apply refuses it)."),
    UNREADABLE_FILE("unreadable-file", "The file cannot be read (permissions, or not UTF-8 text).");

    private final String code;
    private final String summary;

    FileProblem(String code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    String code() {
        return code;
    }

    String summary() {
        return summary;
    }
}
