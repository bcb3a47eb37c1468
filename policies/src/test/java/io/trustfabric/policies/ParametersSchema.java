package io.trustfabric.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The subset of JSON Schema a macro's parameters.schema.json may use, for the tests: which keywords are allowed, the
 * rules of the top-level object, validating arguments, and filling in defaults the way the operator does before it
 * writes a rule's arguments to a tenant bundle.
 */
final class ParametersSchema {

    /** The only keywords a parameter schema may use (besides the top level's properties/required/additionalProperties). */
    static final Set<String> KEYWORDS = Set.of("type", "items", "enum", "minimum", "maximum", "minItems", "maxItems",
            "uniqueItems", "minLength", "maxLength", "pattern", "default", "description");

    private static final Set<String> TOP_LEVEL = Set.of("type", "properties", "required", "additionalProperties",
            "description");

    private ParametersSchema() {
    }

    /** What is wrong with the schema itself; empty when it follows the catalog's rules. */
    static List<String> problems(JsonNode schema) {
        List<String> problems = new ArrayList<>();
        schema.fieldNames().forEachRemaining(field -> {
            if (!TOP_LEVEL.contains(field)) {
                problems.add("top level: keyword " + field + " is not allowed");
            }
        });
        if (!"object".equals(schema.path("type").asText())) {
            problems.add("top level: type must be object");
        }
        if (!schema.path("properties").isObject()) {
            problems.add("top level: properties must be an object");
        }
        if (!schema.path("required").isArray()) {
            problems.add("top level: required must be an array");
        }
        if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
            problems.add("top level: additionalProperties must be false");
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        for (String name : required) {
            if (!schema.path("properties").has(name)) {
                problems.add("required property " + name + " is not in properties");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            JsonNode definition = property.getValue();
            keywordProblems(name, definition, problems);
            if (required.contains(name)) {
                if (definition.has("default")) {
                    problems.add(name + ": a required property has no use for a default");
                }
            } else if (!definition.has("default")) {
                problems.add(name + ": not required, so it needs a default");
            } else {
                violations(definition, definition.get("default"), name + " (default)", problems);
            }
        }
        return problems;
    }

    private static void keywordProblems(String path, JsonNode definition, List<String> problems) {
        definition.fieldNames().forEachRemaining(field -> {
            if (!KEYWORDS.contains(field)) {
                problems.add(path + ": keyword " + field + " is not allowed");
            }
        });
        if (!definition.has("type")) {
            problems.add(path + ": no type");
        }
        if (definition.has("items")) {
            keywordProblems(path + "[]", definition.get("items"), problems);
        }
    }

    /** Where the arguments break the schema; empty when they are valid. */
    static List<String> violations(JsonNode schema, JsonNode arguments) {
        List<String> violations = new ArrayList<>();
        if (!arguments.isObject()) {
            violations.add("arguments: " + arguments + " is not an object");
            return violations;
        }
        schema.path("required").forEach(name -> {
            if (!arguments.has(name.asText())) {
                violations.add("arguments: missing required " + name.asText());
            }
        });
        arguments.fields().forEachRemaining(field -> {
            JsonNode definition = schema.path("properties").get(field.getKey());
            if (definition == null) {
                violations.add("arguments: unknown " + field.getKey());
            } else {
                violations(definition, field.getValue(), field.getKey(), violations);
            }
        });
        return violations;
    }

    private static void violations(JsonNode schema, JsonNode value, String path, List<String> out) {
        String type = schema.path("type").asText();
        boolean typed = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> false;
        };
        if (!typed) {
            out.add(path + ": " + value + " is not of type " + type);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                out.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                out.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                out.add(path + ": " + value + " is above the maximum " + schema.get("maximum"));
            }
        }
        if (value.isTextual()) {
            int length = value.asText().codePointCount(0, value.asText().length());
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                out.add(path + ": shorter than " + schema.get("minLength"));
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                out.add(path + ": longer than " + schema.get("maxLength"));
            }
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                out.add(path + ": does not match " + schema.get("pattern"));
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                out.add(path + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                out.add(path + ": more than " + schema.get("maxItems") + " items");
            }
            if (schema.path("uniqueItems").asBoolean()) {
                Set<JsonNode> seen = new HashSet<>();
                value.forEach(item -> {
                    if (!seen.add(item)) {
                        out.add(path + ": " + item + " appears twice");
                    }
                });
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    violations(schema.get("items"), value.get(i), path + "[" + i + "]", out);
                }
            }
        }
    }

    /** The arguments with every missing property that has a default set to it (a copy). */
    static ObjectNode withDefaults(JsonNode schema, JsonNode arguments) {
        ObjectNode filled = ((ObjectNode) arguments).deepCopy();
        schema.path("properties").fields().forEachRemaining(property -> {
            if (!filled.has(property.getKey()) && property.getValue().has("default")) {
                filled.set(property.getKey(), property.getValue().get("default").deepCopy());
            }
        });
        return filled;
    }
}
