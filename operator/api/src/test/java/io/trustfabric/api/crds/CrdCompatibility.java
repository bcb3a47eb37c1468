package io.trustfabric.api.crds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the incompatible changes between a checked-in CRD and a newly generated one: a removed CRD, version or
 * property, a changed scope or type, a newly required field, or a narrowed enum. Added optional fields and
 * loosened constraints are compatible.
 */
public final class CrdCompatibility {

    private CrdCompatibility() {
    }

    /** Compares two sets of CRDs keyed by metadata.name. */
    public static List<BreakingChange> compareAll(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        List<BreakingChange> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> old : before.entrySet()) {
            JsonNode updated = after.get(old.getKey());
            if (updated == null) {
                changes.add(new BreakingChange(old.getKey(), "", "CRD removed"));
            } else {
                changes.addAll(compare(old.getValue(), updated));
            }
        }
        return changes;
    }

    /** Compares two versions of one CRD. */
    public static List<BreakingChange> compare(JsonNode before, JsonNode after) {
        String crd = before.path("metadata").path("name").asText();
        List<BreakingChange> changes = new ArrayList<>();
        String oldScope = before.path("spec").path("scope").asText();
        String newScope = after.path("spec").path("scope").asText();
        if (!oldScope.equals(newScope)) {
            changes.add(new BreakingChange(crd, "spec.scope", "scope changed from " + oldScope + " to " + newScope));
        }
        for (JsonNode oldVersion : before.path("spec").path("versions")) {
            String name = oldVersion.path("name").asText();
            JsonNode newVersion = findVersion(after, name);
            if (newVersion == null) {
                changes.add(new BreakingChange(crd, name, "version removed"));
                continue;
            }
            JsonNode oldSchema = oldVersion.path("schema").path("openAPIV3Schema");
            JsonNode newSchema = newVersion.path("schema").path("openAPIV3Schema");
            changes.addAll(compareSchemas(crd + "/" + name, oldSchema, newSchema));
        }
        return changes;
    }

    /** Compares two OpenAPI v3 schemas; paths in the result are relative to the schema root. */
    public static List<BreakingChange> compareSchemas(String crd, JsonNode before, JsonNode after) {
        List<BreakingChange> changes = new ArrayList<>();
        new SchemaWalk(crd, changes).compare("", before, after);
        return changes;
    }

    private static JsonNode findVersion(JsonNode crd, String name) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (name.equals(version.path("name").asText())) {
                return version;
            }
        }
        return null;
    }

    private record SchemaWalk(String crd, List<BreakingChange> changes) {

        void compare(String path, JsonNode before, JsonNode after) {
            if (!compareType(path, before, after)) {
                return;
            }
            compareRequired(path, before, after);
            compareEnum(path, before, after);
            compareProperties(path, before, after);
            if (before.has("items") && after.has("items")) {
                compare(path + "[]", before.get("items"), after.get("items"));
            }
            if (before.path("additionalProperties").isObject() && after.path("additionalProperties").isObject()) {
                compare(path + "{}", before.get("additionalProperties"), after.get("additionalProperties"));
            }
        }

        /** Returns false when the types differ, as nothing below a changed type is comparable. */
        private boolean compareType(String path, JsonNode before, JsonNode after) {
            String oldType = before.path("type").asText("");
            String newType = after.path("type").asText("");
            boolean oldAnything = oldType.isEmpty() && before.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (oldType.equals(newType) || (newType.isEmpty() && after.path("x-kubernetes-preserve-unknown-fields").asBoolean(false))) {
                return true;
            }
            String from = oldAnything || oldType.isEmpty() ? "any" : oldType;
            String to = newType.isEmpty() ? "any" : newType;
            report(path, "type changed from " + from + " to " + to);
            return false;
        }

        private void compareRequired(String path, JsonNode before, JsonNode after) {
            Set<String> oldRequired = texts(before.path("required"));
            for (String field : texts(after.path("required"))) {
                if (!oldRequired.contains(field)) {
                    report(join(path, field), "field is newly required");
                }
            }
        }

        private void compareEnum(String path, JsonNode before, JsonNode after) {
            if (!after.has("enum")) {
                return;
            }
            if (!before.has("enum")) {
                report(path, "enum added where any value was allowed: " + texts(after.get("enum")));
                return;
            }
            Set<String> dropped = new TreeSet<>(texts(before.get("enum")));
            dropped.removeAll(texts(after.get("enum")));
            if (!dropped.isEmpty()) {
                report(path, "enum narrowed, values removed: " + dropped);
            }
        }

        private void compareProperties(String path, JsonNode before, JsonNode after) {
            JsonNode oldProperties = before.path("properties");
            JsonNode newProperties = after.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = oldProperties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                JsonNode updated = newProperties.get(property.getKey());
                if (updated == null) {
                    report(join(path, property.getKey()), "property removed");
                } else {
                    compare(join(path, property.getKey()), property.getValue(), updated);
                }
            }
        }

        private void report(String path, String reason) {
            changes.add(new BreakingChange(crd, path.isEmpty() ? "<root>" : path, reason));
        }

        private static String join(String path, String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        private static Set<String> texts(JsonNode array) {
            Set<String> values = new HashSet<>();
            array.forEach(value -> values.add(value.asText()));
            return values;
        }
    }
}
