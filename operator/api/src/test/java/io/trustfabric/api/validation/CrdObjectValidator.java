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
 * "path: message" strings, with the API server's wording; empty means valid.
 *
 * <p>As in the API server, the CEL rules are not evaluated when the schema found a violation that bounds their
 * cost or input (unsupported enum value, missing required field, too long, too many items, wrong type); one note
 * says so instead.
 */
public final class CrdObjectValidator {

    /** The API server's note (at the root) when a blocking violation kept it from evaluating the CEL rules. */
    public static final String CEL_NOT_CHECKED = "some validation rules were not checked because the object was"
            + " invalid; correct the existing errors to complete validation";

    /** Validated by the API server itself, not by the CRD's schema. */
    private static final Set<String> OBJECT_META_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private final JsonNode rootSchema;
    private final Map<String, CelRule> compiled = new HashMap<>();

    public CrdObjectValidator(JsonNode crd) {
        this.rootSchema = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    }

    public List<String> validate(JsonNode object) {
        Walk walk = new Walk();
        validate("", rootSchema, object.deepCopy(), walk);
        if (walk.blocked) {
            walk.violations.add(at("") + ": " + CEL_NOT_CHECKED);
        } else {
            walk.celChecks.forEach(check -> check.evaluate(walk.violations));
        }
        return walk.violations;
    }

    /** What one validation found: the schema's violations and the CEL rules to evaluate once the schema passed. */
    private static final class Walk {
        final List<String> violations = new ArrayList<>();
        final List<CelCheck> celChecks = new ArrayList<>();
        boolean blocked;

        void add(String path, String message) {
            violations.add(at(path) + ": " + message);
        }

        /** A violation after which the API server skips the CEL rules. */
        void addBlocking(String path, String message) {
            add(path, message);
            blocked = true;
        }
    }

    private record CelCheck(String path, CelRule rule, String message, Object self) {
        void evaluate(List<String> violations) {
            if (!rule.holdsFor(self)) {
                violations.add(at(path) + ": " + message);
            }
        }
    }

    private void validate(String path, JsonNode schema, JsonNode value, Walk walk) {
        if (!typeMatches(schema, value)) {
            walk.addBlocking(path, "must be of type " + typeName(schema));
            return;
        }
        if (value.isObject()) {
            applyDefaults(schema, (ObjectNode) value);
            validateObject(path, schema, value, walk);
        } else if (value.isArray()) {
            validateArray(path, schema, value, walk);
        } else {
            validateScalar(path, schema, value, walk);
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            CelRule cel = compiled.computeIfAbsent(rule.path("rule").asText(), CelRule::compile);
            walk.celChecks.add(new CelCheck(path, cel, rule.path("message").asText("failed rule: " + cel.expression()),
                    CelValues.of(schema, value)));
        }
    }

    private void validateObject(String path, JsonNode schema, JsonNode value, Walk walk) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                walk.addBlocking(join(path, required.asText()), "Required value");
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
                validate(join(path, field.getKey()), fieldSchema, field.getValue(), walk);
            } else if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                // the API server prunes it, or refuses the request under strict field validation (as kubectl sends)
                walk.add(join(path, field.getKey()), "unknown field");
            }
        }
    }

    private void validateArray(String path, JsonNode schema, JsonNode value, Walk walk) {
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            walk.addBlocking(path, "must have at most " + schema.get("maxItems").asInt() + " items");
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            walk.add(path, "should have at least " + schema.get("minItems").asInt() + " items");
        }
        for (int i = 0; i < value.size(); i++) {
            validate(path + "[" + i + "]", schema.path("items"), value.get(i), walk);
        }
    }

    private void validateScalar(String path, JsonNode schema, JsonNode value, Walk walk) {
        if (schema.has("enum") && !containsText(schema.get("enum"), value.asText())) {
            walk.addBlocking(path, "Unsupported value: \"" + value.asText() + "\"");
        }
        if (value.isTextual()) {
            String text = value.asText();
            // the API server counts characters (code points), not UTF-16 units
            int length = text.codePointCount(0, text.length());
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                walk.add(path, "should match '" + schema.get("pattern").asText() + "'");
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                walk.addBlocking(path, "Too long: may not be more than " + schema.get("maxLength").asInt() + " bytes");
            }
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                walk.add(path, "should be at least " + schema.get("minLength").asInt() + " chars long");
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                walk.add(path, "should be greater than or equal to " + number(schema.get("minimum")));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                walk.add(path, "should be less than or equal to " + number(schema.get("maximum")));
            }
        }
    }

    /** A bound as the API server prints it: 1.0 as 1, 0.5 as 0.5. */
    public static String number(JsonNode bound) {
        return bound.decimalValue().stripTrailingZeros().toPlainString();
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
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return value.isIntegralNumber() || value.isTextual();
        }
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

    private static String typeName(JsonNode schema) {
        return schema.path("x-kubernetes-int-or-string").asBoolean(false) ? "integer,string" : schema.path("type").asText();
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
