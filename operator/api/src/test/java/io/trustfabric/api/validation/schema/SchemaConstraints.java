package io.trustfabric.api.validation.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustfabric.api.validation.GeneratedCrds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists every constraint in a CRD's openAPIV3Schema. A keyword this class does not know fails the walk, so a new
 * kind of constraint cannot pass unnoticed as a description.
 */
public final class SchemaConstraints {

    /** Keywords that refuse values, listed one constraint each (required: one per field). */
    static final Set<String> CONSTRAINING = Set.of("enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties",
            "maxProperties", "required", "format", "x-kubernetes-int-or-string", "oneOf", "allOf", "not", "anyOf",
            SchemaConstraint.CEL_RULE);

    /** Keywords that shape or describe the schema without refusing anything by themselves. */
    static final Set<String> NOT_CONSTRAINING = Set.of("type", "description", "properties", "items",
            "additionalProperties", "default", "nullable", "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-embedded-resource", "x-kubernetes-map-type", "title", "example",
            // the keys of x-kubernetes-list-type=map, which is listed as the constraint
            "x-kubernetes-list-map-keys");

    private SchemaConstraints() {
    }

    public static List<SchemaConstraint> all() {
        List<SchemaConstraint> all = new ArrayList<>();
        GeneratedCrds.byKind().keySet().forEach(kind -> all.addAll(of(kind)));
        return all;
    }

    public static List<SchemaConstraint> of(String kind) {
        List<SchemaConstraint> constraints = new ArrayList<>();
        walk(kind, "", GeneratedCrds.schemaOf(kind), constraints);
        return constraints;
    }

    private static void walk(String kind, String path, JsonNode schema, List<SchemaConstraint> constraints) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> keyword = it.next();
            String name = keyword.getKey();
            JsonNode value = keyword.getValue();
            if (name.equals("x-kubernetes-list-type")) {
                if (!value.asText().equals("atomic")) {
                    constraints.add(new SchemaConstraint(kind, path, name + "=" + value.asText(), "", schema));
                }
            } else if (name.equals("anyOf") && schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
                continue; // the structural form of x-kubernetes-int-or-string, listed as that
            } else if (name.equals("required")) {
                value.forEach(field -> constraints.add(new SchemaConstraint(kind, join(path, field.asText()), name, "", schema)));
            } else if (name.equals(SchemaConstraint.CEL_RULE)) {
                value.forEach(rule -> constraints.add(new SchemaConstraint(kind, path, name,
                        rule.path("message").asText(rule.path("rule").asText()), schema)));
            } else if (CONSTRAINING.contains(name)) {
                constraints.add(new SchemaConstraint(kind, path, name, "", schema));
            } else if (!NOT_CONSTRAINING.contains(name)) {
                throw new IllegalStateException(kind + " " + path + ": unknown schema keyword " + name
                        + "; add it to SchemaConstraints as constraining or not");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            walk(kind, join(path, property.getKey()), property.getValue(), constraints);
        }
        if (schema.path("items").isObject()) {
            walk(kind, path + "[*]", schema.get("items"), constraints);
        }
        if (schema.path("additionalProperties").isObject()) {
            walk(kind, join(path, "*"), schema.get("additionalProperties"), constraints);
        }
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
