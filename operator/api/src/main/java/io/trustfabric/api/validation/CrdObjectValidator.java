package io.trustfabric.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.validation.FieldViolation.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates an object against a CRD's structural schema the way the API server does for the parts this project's
 * CRDs use: pruning of unknown fields, defaults, type, required, enum, pattern, length, item and numeric bounds, and
 * the CEL rules in x-kubernetes-validations (evaluated with a Java CEL implementation). The violations carry the
 * API server's field paths and wording; {@code metadata} is left to the API server itself.
 *
 * <p>As in the API server, the CEL rules are not evaluated when the schema found a violation that bounds their
 * cost or input (unsupported enum value, missing required field, too long, too many items, wrong type); one note
 * says so instead. Thread-safe.
 */
public final class CrdObjectValidator {

    /** The API server's note (at the root) when a blocking violation kept it from evaluating the CEL rules. */
    public static final String CEL_NOT_CHECKED = "some validation rules were not checked because the object was"
            + " invalid; correct the existing errors to complete validation";

    /** Validated by the API server itself, not by the CRD's schema. */
    private static final Set<String> OBJECT_META_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private final JsonNode rootSchema;
    private final Map<String, CelRule> compiled = new ConcurrentHashMap<>();

    /** For the CRD's first version (the project's CRDs have one). */
    public CrdObjectValidator(JsonNode crd) {
        this.rootSchema = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    }

    /** Validates a new object: prunes the fields its schema does not know, then checks the rest. */
    public ValidationResult validate(JsonNode object) {
        List<String> unknown = new ArrayList<>();
        JsonNode pruned = object.deepCopy();
        prune("", rootSchema, pruned, unknown);
        Walk walk = new Walk();
        validate("", rootSchema, pruned.deepCopy(), walk);
        if (walk.blocked) {
            walk.violations.add(new FieldViolation("", Type.INVALID, "Invalid value: \"null\": " + CEL_NOT_CHECKED));
        } else {
            walk.celChecks.forEach(check -> check.evaluate(walk.violations));
        }
        return new ValidationResult(pruned, unknown, walk.violations);
    }

    /**
     * Validates an update as the API server does with validation ratcheting: a violation at a value the update
     * leaves as it was (both absent, or equal) does not refuse it, so an object stored under an older schema can still
     * have its status written.
     */
    public ValidationResult validateUpdate(JsonNode object, JsonNode old) {
        ValidationResult result = validate(object);
        List<FieldViolation> changed = result.violations().stream()
                .filter(v -> !v.message().endsWith(CEL_NOT_CHECKED))
                .filter(v -> !FieldPaths.unchanged(old, result.pruned(), v.path())).collect(Collectors.toList());
        if (!changed.isEmpty() && changed.stream().anyMatch(FieldViolation::blocksCelRules)) {
            result.violations().stream().filter(v -> v.message().endsWith(CEL_NOT_CHECKED)).forEach(changed::add);
        }
        return new ValidationResult(result.pruned(), result.unknownFields(), changed);
    }

    /** What one validation found: the schema's violations and the CEL rules to evaluate once the schema passed. */
    private static final class Walk {
        final List<FieldViolation> violations = new ArrayList<>();
        final List<CelCheck> celChecks = new ArrayList<>();
        boolean blocked;

        void add(String path, Type type, String message) {
            violations.add(new FieldViolation(path, type, message));
            blocked |= violations.get(violations.size() - 1).blocksCelRules();
        }

        /** A Invalid value error whose detail names the field "in body", as kube-openapi words it. */
        void invalid(String path, JsonNode value, String should) {
            add(path, Type.INVALID, "Invalid value: " + shown(value) + ": " + path + " in body " + should);
        }
    }

    private record CelCheck(String path, CelRule rule, String message, String typeName, Object self) {
        void evaluate(List<FieldViolation> violations) {
            if (!rule.holdsFor(self)) {
                violations.add(new FieldViolation(path, Type.INVALID, "Invalid value: \"" + typeName + "\": " + message));
            }
        }
    }

    /** Removes, in place, the fields the schema does not declare (unless it preserves unknown fields). */
    private static void prune(String path, JsonNode schema, JsonNode value, List<String> unknown) {
        if (!typeMatches(schema, value)) {
            return;
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                prune(path + "[" + i + "]", schema.path("items"), value.get(i), unknown);
            }
            return;
        }
        if (!value.isObject()) {
            return;
        }
        List<String> names = new ArrayList<>();
        value.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (path.isEmpty() && OBJECT_META_FIELDS.contains(name)) {
                continue;
            }
            JsonNode fieldSchema = fieldSchema(schema, name);
            if (fieldSchema != null) {
                prune(join(path, name), fieldSchema, value.get(name), unknown);
            } else if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                unknown.add(join(path, name));
                ((ObjectNode) value).remove(name);
            }
        }
    }

    private static JsonNode fieldSchema(JsonNode schema, String name) {
        JsonNode fieldSchema = schema.path("properties").get(name);
        if (fieldSchema == null) {
            fieldSchema = schema.get("additionalProperties");
        }
        return fieldSchema != null && fieldSchema.isObject() ? fieldSchema : null;
    }

    private void validate(String path, JsonNode schema, JsonNode value, Walk walk) {
        if (!typeMatches(schema, value)) {
            walk.add(path, Type.TYPE_INVALID, "Invalid value: \"" + jsonType(value) + "\": " + path
                    + " in body must be of type " + typeName(schema) + ": \"" + jsonType(value) + "\"");
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
                    schema.path("type").asText("object"), CelValues.of(schema, value)));
        }
    }

    private void validateObject(String path, JsonNode schema, JsonNode value, Walk walk) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                walk.add(join(path, required.asText()), Type.REQUIRED, "Required value");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (path.isEmpty() && OBJECT_META_FIELDS.contains(field.getKey())) {
                continue;
            }
            JsonNode fieldSchema = fieldSchema(schema, field.getKey());
            if (fieldSchema != null) {
                validate(join(path, field.getKey()), fieldSchema, field.getValue(), walk);
            }
        }
    }

    private void validateArray(String path, JsonNode schema, JsonNode value, Walk walk) {
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            walk.add(path, Type.TOO_MANY, "Too many: " + value.size() + ": must have at most "
                    + schema.get("maxItems").asInt() + " items");
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            walk.add(path, Type.INVALID, "Invalid value: " + value.size() + ": " + path + " in body should have at least "
                    + schema.get("minItems").asInt() + " items");
        }
        for (int i = 0; i < value.size(); i++) {
            validate(path + "[" + i + "]", schema.path("items"), value.get(i), walk);
        }
    }

    private void validateScalar(String path, JsonNode schema, JsonNode value, Walk walk) {
        if (schema.has("enum") && !containsText(schema.get("enum"), value.asText())) {
            List<String> supported = new ArrayList<>();
            schema.get("enum").forEach(e -> supported.add(shown(e)));
            walk.add(path, Type.NOT_SUPPORTED, "Unsupported value: " + shown(value) + ": supported values: "
                    + String.join(", ", supported));
        }
        if (value.isTextual()) {
            String text = value.asText();
            // the API server counts characters (code points), not UTF-16 units
            int length = text.codePointCount(0, text.length());
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                walk.invalid(path, value, "should match '" + schema.get("pattern").asText() + "'");
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                walk.add(path, Type.TOO_LONG, "Too long: may not be more than " + schema.get("maxLength").asInt()
                        + " bytes");
            }
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                walk.invalid(path, value, "should be at least " + schema.get("minLength").asInt() + " chars long");
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                walk.invalid(path, value, "should be greater than or equal to " + number(schema.get("minimum")));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                walk.invalid(path, value, "should be less than or equal to " + number(schema.get("maximum")));
            }
        }
    }

    /** A bound as the API server prints it: 1.0 as 1, 0.5 as 0.5. */
    public static String number(JsonNode bound) {
        return bound.decimalValue().stripTrailingZeros().toPlainString();
    }

    /** A value as the API server prints a bad value: strings quoted, numbers and booleans as they are. */
    private static String shown(JsonNode value) {
        if (value.isNumber()) {
            return number(value);
        }
        if (value.isBoolean()) {
            return value.toString();
        }
        return value.isValueNode() ? "\"" + value.asText() + "\"" : "\"" + jsonType(value) + "\"";
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

    private static String jsonType(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isNull() ? "null" : "string";
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

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
