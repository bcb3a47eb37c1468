package io.trustfabric.cli.resource;

import java.util.Locale;

/**
 * What `tfctl apply --validate` does with an object its CRD refuses or a field its CRD does not know, as kubectl's
 * field validation: {@code strict} (or {@code true}) refuses both; {@code warn}, the default, refuses invalid objects
 * and leaves unknown fields out with a warning; {@code ignore} (or {@code false}) checks nothing on the client.
 */
public enum FieldValidation {
    STRICT,
    WARN,
    IGNORE;

    /** Parses the option's value; an unknown one names the accepted values. */
    public static FieldValidation parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "strict", "true" -> STRICT;
            case "warn" -> WARN;
            case "ignore", "false" -> IGNORE;
            default -> throw new IllegalArgumentException("invalid --validate value \"" + value
                    + "\": must be one of strict (or true), warn, ignore (or false)");
        };
    }
}
