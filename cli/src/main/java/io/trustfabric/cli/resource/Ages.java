package io.trustfabric.cli.resource;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** kubectl-style ages: 45s, 12m, 3h, 2d. */
public final class Ages {

    private Ages() {
    }

    public static String since(String rfc3339, Instant now) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return "<unknown>";
        }
        try {
            return format(Duration.between(Instant.parse(rfc3339), now));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    public static String format(Duration age) {
        long s = Math.max(0, age.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 3600 * 2) {
            return (s / 60) + "m";
        }
        if (s < 86400 * 2) {
            return (s / 3600) + "h";
        }
        return (s / 86400) + "d";
    }
}
