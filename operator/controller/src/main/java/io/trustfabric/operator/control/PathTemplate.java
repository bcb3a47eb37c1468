package io.trustfabric.operator.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A route path such as {@code /leases/{leaseId}/renew}: literal segments and named single-segment parameters. */
final class PathTemplate {

    private final String text;
    private final List<String> segments;

    PathTemplate(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a route path starts with '/': " + text);
        }
        this.text = text;
        this.segments = segmentsOf(text);
    }

    /** The parameter values when the path matches, else empty. */
    Optional<Map<String, String>> match(String path) {
        List<String> actual = segmentsOf(path);
        if (actual.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String value = actual.get(i);
            if (isParameter(expected)) {
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(expected.substring(1, expected.length() - 1), value);
            } else if (!expected.equals(value)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> segmentsOf(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }
}
