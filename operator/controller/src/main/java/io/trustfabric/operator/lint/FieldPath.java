package io.trustfabric.operator.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * Field paths as findings show them ({@code spec.rules[2].with.minSetSize}) and as JSON Pointers for quick fixes
 * ({@code /spec/rules/2/with/minSetSize}).
 */
public final class FieldPath {

    private FieldPath() {
    }

    /** The segments of a finding path: names and array indexes. A path suffix such as spec.rego:3:5 is cut. */
    public static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ':') {
                break;
            }
            if (c == '.' || c == '[' || c == ']') {
                if (!current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            current.append(c);
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }

    public static String pointer(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : segments(path)) {
            out.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }
}
