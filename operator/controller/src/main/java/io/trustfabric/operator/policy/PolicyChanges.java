package io.trustfabric.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Human-readable lines saying how one compiled revision's rules differ from the previous one's. */
final class PolicyChanges {

    private PolicyChanges() {
    }

    static List<String> between(ArrayNode before, ArrayNode after) {
        List<String> lines = new ArrayList<>();
        if (before == null) {
            after.forEach(rule -> lines.add(describe(rule)));
            return lines.isEmpty() ? List.of("no rules") : lines;
        }
        Map<String, JsonNode> old = byName(before);
        Map<String, JsonNode> now = byName(after);
        now.forEach((name, rule) -> {
            JsonNode previous = old.get(name);
            if (previous == null) {
                lines.add("+ " + describe(rule));
                return;
            }
            if (!previous.path("ref").equals(rule.path("ref"))) {
                lines.add(name + ": macro " + previous.path("ref").asText() + " -> " + rule.path("ref").asText());
            }
            if (!previous.path("action").equals(rule.path("action"))) {
                lines.add(name + ": enforcementAction " + previous.path("action").asText() + " -> "
                        + rule.path("action").asText());
            }
            TreeSet<String> keys = new TreeSet<>();
            previous.path("params").fieldNames().forEachRemaining(keys::add);
            rule.path("params").fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode was = previous.path("params").get(key);
                JsonNode is = rule.path("params").get(key);
                if (was == null || !was.equals(is)) {
                    lines.add(name + ": " + key + " " + (was == null ? "(unset)" : abbreviate(was)) + " -> "
                            + (is == null ? "(unset)" : abbreviate(is)));
                }
            }
        });
        old.keySet().stream().filter(name -> !now.containsKey(name)).forEach(name -> lines.add("- " + name));
        return lines;
    }

    private static String describe(JsonNode rule) {
        return rule.path("name").asText() + " (" + rule.path("ref").asText() + ", " + rule.path("action").asText()
                + ")";
    }

    private static Map<String, JsonNode> byName(ArrayNode rules) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        rules.forEach(r -> out.put(r.path("name").asText(), r));
        return out;
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
