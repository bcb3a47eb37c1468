package io.trustfabric.api.v1alpha1;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the API's duration strings (hours, minutes, seconds: "90s", "15m", "24h", "1h30m"). */
public final class ApiDuration {

    private static final Pattern DURATION = Pattern.compile(ApiPatterns.DURATION);

    private ApiDuration() {
    }

    /** Parses a positive duration as the CRD accepts it; anything else is an IllegalArgumentException. */
    public static Duration parse(String text) {
        Matcher matcher = text == null ? null : DURATION.matcher(text);
        if (matcher == null || text.isEmpty() || !matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 90s, 15m, 24h or 1h30m");
        }
        Duration duration = Duration.ofHours(part(matcher.group(1))).plusMinutes(part(matcher.group(2)))
                .plusSeconds(part(matcher.group(3)));
        if (duration.isZero()) {
            throw new IllegalArgumentException("duration '" + text + "' must be longer than 0");
        }
        return duration;
    }

    private static long part(String group) {
        return group == null ? 0 : Long.parseLong(group.substring(0, group.length() - 1));
    }
}
