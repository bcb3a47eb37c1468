package io.trustfabric.api.validation.realserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Where a stored object lost or changed what was sent (the API server may add defaults, but not drop fields). */
final class JsonSubset {

    private JsonSubset() {
    }

    /** Paths at which {@code stored} lacks or differs from {@code sent}; empty when it holds all of it. */
    static List<String> missing(JsonNode sent, JsonNode stored) {
        List<String> missing = new ArrayList<>();
        compare("", sent, stored, missing);
        return missing;
    }

    private static void compare(String path, JsonNode sent, JsonNode stored, List<String> missing) {
        if (stored == null || stored.isMissingNode()) {
            missing.add(path + " (absent)");
        } else if (sent.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                compare(path + "." + field.getKey(), field.getValue(), stored.get(field.getKey()), missing);
            }
        } else if (sent.isArray()) {
            if (stored.size() != sent.size()) {
                missing.add(path + " (" + stored.size() + " items instead of " + sent.size() + ")");
                return;
            }
            for (int i = 0; i < sent.size(); i++) {
                compare(path + "[" + i + "]", sent.get(i), stored.get(i), missing);
            }
        } else if (sent.isNumber() && stored.isNumber()
                ? sent.decimalValue().compareTo(stored.decimalValue()) != 0 : !sent.equals(stored)) {
            missing.add(path + " (" + stored + " instead of " + sent + ")");
        }
    }
}
