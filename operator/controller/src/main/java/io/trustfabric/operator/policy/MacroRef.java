package io.trustfabric.operator.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rule's reference to one macro version, written {@code name@vN} (e.g. residency@v1). */
public record MacroRef(String macro, int version) {

    private static final Pattern FORM = Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?)@v([1-9][0-9]{0,8})");

    public static Optional<MacroRef> parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        return m != null && m.matches() ? Optional.of(new MacroRef(m.group(1), Integer.parseInt(m.group(3))))
                : Optional.empty();
    }

    /** The name of the PolicyMacro object that publishes this version, e.g. residency-v1. */
    public String objectName() {
        return macro + "-v" + version;
    }

    /** The package segment of the version, as the decision module looks it up: v1. */
    public String versionKey() {
        return "v" + version;
    }

    @Override
    public String toString() {
        return macro + "@v" + version;
    }
}
