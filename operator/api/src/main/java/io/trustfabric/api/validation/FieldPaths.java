package io.trustfabric.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Field paths as the API server writes them ({@code spec.modes[0]}, {@code spec.workers.replicas}), resolved in JSON. */
final class FieldPaths {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private FieldPaths() {
    }

    /** The value at the path; a missing node when any step is absent. */
    static JsonNode valueAt(JsonNode object, String path) {
        JsonNode node = object;
        Matcher m = SEGMENT.matcher(path);
        while (m.find() && node != null && !node.isMissingNode()) {
            node = m.group(1) != null ? node.path(m.group(1)) : node.path(Integer.parseInt(m.group(2)));
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    /** Whether the value at the path is the same in both (also when absent in both). */
    static boolean unchanged(JsonNode old, JsonNode updated, String path) {
        return old != null && Objects.equals(valueAt(old, path), valueAt(updated, path));
    }
}
