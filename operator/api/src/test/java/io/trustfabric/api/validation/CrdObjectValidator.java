package io.trustfabric.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an object against a CRD's structural schema the way the API server does for the parts this
 * project uses: defaults, type, required, enum, pattern, length, item and numeric bounds, and the CEL rules
 * in x-kubernetes-validations (evaluated with a Java CEL implementation). Returns the violations as
 * "path: message" strings; empty means valid.
 */
public final class CrdObjectValidator {

    /** Validated by the API server itself, not by the CRD's schema. */
    private static final Set<String> OBJECT_META_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private final JsonNode rootSchema;
    private final Map<String, CelRule> compiled = new HashMap<>();

    public CrdObjectValidator(JsonNode crd) {
        this.rootSchema = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    }

    public List<String> validate(JsonNode object) {
        List<String> violations = new ArrayList<>();
        JsonNode copy = object.deepCopy();
        validate("", rootSchema, copy, violations);
        return violations;
    }

    private void validate(String path, JsonNode schema, JsonNode value, List<String> violations) {
        if (!typeMatches(schema, value)) {
            violations.add(at(path) + ": must be of type " + schema.path("type").asText());
            return;
        }
        if (value.isObject()) {
            applyDefaults(schema, (ObjectNode) value);
            validateObject(path, schema, value, violations);
        } else if (value.isArray()) {
            validateArray(path, schema, value, violations);
        } else {
            validateScalar(path, schema, value, violations);
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            CelRule cel = compiled.computeIfAbsent(rule.path("rule").asText(), CelRule::compile);
            if (!cel.holdsFor(CelValues.of(schema, value))) {
                violations.add(at(path) + ": " + rule.path("message").asText("failed rule: " + cel.expression()));
            }
        }
    }

    private void validateObject(String path, JsonNode schema, JsonNode value, List<String> violations) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                violations.add(join(path, required.asText()) + ": Required value");
            }
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (path.isEmpty() && OBJECT_META_FIELDS.contains(field.getKey())) {
                continue;
            }
            JsonNode fieldSchema = properties.get(field.getKey());
            if (fieldSchema == null) {
                fieldSchema = schema.get("additionalProperties");
            }
            if (fieldSchema != null && fieldSchema.isObject()) {
                validate(join(path, field.getKey()), fieldSchema, field.getValue(), violations);
            } else if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                violations.add(join(path, field.getKey()) + ": unknown field");
            }
        }
    }

    private void validateArray(String path, JsonNode schema, JsonNode value, List<String> violations) {
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            violations.add(at(path) + ": must have at most " + schema.get("maxItems").asInt() + " items");
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            violations.add(at(path) + ": must have at least " + schema.get("minItems").asInt() + " items");
        }
        for (int i = 0; i < value.size(); i++) {
            validate(path + "[" + i + "]", schema.path("items"), value.get(i), violations);
        }
    }

    private void validateScalar(String path, JsonNode schema, JsonNode value, List<String> violations) {
        if (schema.has("enum") && !containsText(schema.get("enum"), value.asText())) {
            violations.add(at(path) + ": Unsupported value: \"" + value.asText() + "\"");
        }
        if (value.isTextual()) {
            String text = value.asText();
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                violations.add(at(path) + ": should match '" + schema.get("pattern").asText() + "'");
            }
            if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
                violations.add(at(path) + ": may not be longer than " + schema.get("maxLength").asInt());
            }
            if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
                violations.add(at(path) + ": should be at least " + schema.get("minLength").asInt() + " chars long");
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                violations.add(at(path) + ": should be greater than or equal to " + schema.get("minimum").asText());
            }
            if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                violations.add(at(path) + ": should be less than or equal to " + schema.get("maximum").asText());
            }
        }
    }

    private static void applyDefaults(JsonNode schema, ObjectNode value) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (!value.has(property.getKey()) && property.getValue().has("default")) {
                value.set(property.getKey(), property.getValue().get("default").deepCopy());
            }
        }
    }

    private static boolean typeMatches(JsonNode schema, JsonNode value) {
        return switch (schema.path("type").asText("")) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode element : array) {
            if (element.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static String at(String path) {
        return path.isEmpty() ? "<root>" : path;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Converts JSON values to what CEL sees, escaping property names as the API server does. */
    static final class CelValues {

        private CelValues() {
        }

        static Object of(JsonNode schema, JsonNode value) {
            if (value.isObject()) {
                boolean structured = schema.has("properties");
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode fieldSchema = schema.path("properties").has(field.getKey())
                            ? schema.path("properties").get(field.getKey()) : schema.path("additionalProperties");
                    map.put(structured ? escape(field.getKey()) : field.getKey(), of(fieldSchema, field.getValue()));
                }
                return map;
            }
            if (value.isArray()) {
                List<Object> list = new ArrayList<>();
                value.forEach(element -> list.add(of(schema.path("items"), element)));
                return list;
            }
            if (value.isIntegralNumber()) {
                return value.asLong();
            }
            if (value.isNumber()) {
                return value.asDouble();
            }
            if (value.isBoolean()) {
                return value.asBoolean();
            }
            return value.isNull() ? dev.cel.common.values.NullValue.NULL_VALUE : value.asText();
        }

        /** Kubernetes' escaping of property names that are not CEL identifiers. */
        static String escape(String name) {
            return name.replace("__", "__underscores__").replace(".", "__dot__").replace("-", "__dash__")
                    .replace("/", "__slash__");
        }
    }
}
