package io.trustfabric.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trustfabric.operator.lint.DidYouMean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The parameters of one macro version: parameter name to a JSON Schema (the subset documented in docs/policies.md:
 * type, enum, minimum, maximum, minLength, maxLength, pattern, items, minItems, maxItems, uniqueItems, properties,
 * required, additionalProperties, default, description). A parameter without a {@code default} is required.
 * <p>
 * {@link #check(String, Map)} type-checks a rule's arguments and returns them with defaults filled in: that document,
 * and nothing else, becomes the rule's {@code params} in the bundle's data.json.
 */
public final class ParameterSchema {

    static final Set<String> KEYWORDS = Set.of("type", "enum", "minimum", "maximum", "minLength", "maxLength",
            "pattern", "items", "minItems", "maxItems", "uniqueItems", "properties", "required",
            "additionalProperties", "default", "description", "title", "format", "examples");
    private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "object");
    /** No argument string longer than this, whatever the schema says: arguments are data, not documents. */
    static final int MAX_STRING = 4096;

    private final Map<String, JsonNode> parameters;

    private ParameterSchema(Map<String, JsonNode> parameters) {
        this.parameters = parameters;
    }

    /** A schema from a PolicyMacro's spec.parameters, with the problems that make it unusable (empty when fine). */
    public static Parsed parse(Map<String, JsonNode> parameters) {
        Map<String, JsonNode> sorted = new TreeMap<>(parameters == null ? Map.of() : parameters);
        List<String> problems = new ArrayList<>();
        sorted.forEach((name, schema) -> lintSchema("spec.parameters." + name, schema, problems));
        return new Parsed(new ParameterSchema(sorted), problems);
    }

    /** Turns a catalog folder's JSON Schema object into spec.parameters form (properties; required = no default). */
    public static Map<String, JsonNode> fromJsonSchemaObject(JsonNode schema) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode properties = schema.path("properties");
        properties.fieldNames().forEachRemaining(name -> out.put(name, properties.get(name)));
        return out;
    }

    public Set<String> names() {
        return parameters.keySet();
    }

    public boolean isRequired(String name) {
        JsonNode schema = parameters.get(name);
        return schema != null && !schema.has("default");
    }

    /**
     * Checks the arguments of a rule; {@code path} is where the arguments are (e.g. spec.rules[2].with).
     * On success the result holds the arguments with every default filled in, keys sorted.
     */
    public Checked check(String path, Map<String, JsonNode> arguments) {
        Map<String, JsonNode> given = arguments == null ? Map.of() : arguments;
        List<Violation> violations = new ArrayList<>();
        for (String name : new TreeMap<>(given).keySet()) {
            if (!parameters.containsKey(name)) {
                Optional<String> meant = DidYouMean.closest(name, parameters.keySet());
                violations.add(new Violation(path + "." + name, "unknown argument '" + name + "'"
                        + meant.map(m -> "; did you mean '" + m + "'?").orElse(""),
                        parameters.isEmpty() ? "this macro takes no arguments; remove it"
                                : "use one of " + String.join(", ", parameters.keySet()), Kind.UNKNOWN,
                        meant.map(TextNode::valueOf).orElse(null)));
            }
        }
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        parameters.forEach((name, schema) -> {
            JsonNode value = given.get(name);
            if (value == null || value.isNull()) {
                if (schema.has("default")) {
                    params.set(name, schema.get("default").deepCopy());
                } else {
                    violations.add(new Violation(path + "." + name, "missing required argument '" + name + "'",
                            "add '" + name + "' (" + describe(schema) + ")", Kind.MISSING));
                }
                return;
            }
            int before = violations.size();
            validate(path + "." + name, value, schema, violations);
            if (violations.size() == before) {
                params.set(name, value.deepCopy());
            }
        });
        return new Checked(violations.isEmpty() ? params : null, violations);
    }

    private static void validate(String path, JsonNode value, JsonNode schema, List<Violation> out) {
        String type = schema.path("type").asText(null);
        if (type != null && !hasType(value, type)) {
            out.add(new Violation(path, "must be " + article(type) + ", got " + jsonType(value)
                    + (value.isValueNode() ? " " + abbreviate(value.toString()) : ""), "give " + describe(schema),
                    Kind.TYPE, coerce(value, schema)));
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.equals(value) || (option.isNumber() && value.isNumber()
                        && option.decimalValue().compareTo(value.decimalValue()) == 0);
            }
            if (!listed) {
                List<String> options = new ArrayList<>();
                schema.get("enum").forEach(o -> options.add(o.asText()));
                Optional<String> meant = value.isTextual() ? DidYouMean.closest(value.textValue(), options)
                        : Optional.empty();
                out.add(new Violation(path, abbreviate(value.toString()) + " is not allowed"
                        + meant.map(m -> "; did you mean \"" + m + "\"?").orElse(""),
                        "use one of " + schema.get("enum"), Kind.NOT_ALLOWED, meant.map(TextNode::valueOf).orElse(null)));
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                out.add(new Violation(path, value + " is below the minimum " + schema.get("minimum"),
                        "give at least " + schema.get("minimum"), Kind.RANGE, schema.get("minimum")));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                out.add(new Violation(path, value + " is above the maximum " + schema.get("maximum"),
                        "give at most " + schema.get("maximum"), Kind.RANGE, schema.get("maximum")));
            }
        }
        if (value.isTextual()) {
            validateString(path, value.textValue(), schema, out);
        }
        if (value.isArray()) {
            validateArray(path, value, schema, out);
        }
        if (value.isObject()) {
            validateObject(path, value, schema, out);
        }
    }

    private static void validateString(String path, String text, JsonNode schema, List<Violation> out) {
        int length = text.codePointCount(0, text.length());
        int max = Math.min(MAX_STRING, schema.path("maxLength").asInt(MAX_STRING));
        if (length > max) {
            out.add(new Violation(path, "is " + length + " characters long, longer than " + max,
                    "shorten it to at most " + max + " characters", Kind.RANGE));
        }
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            out.add(new Violation(path, "is shorter than " + schema.get("minLength").asInt() + " characters",
                    "give at least " + schema.get("minLength").asInt() + " characters", Kind.RANGE));
        }
        if (schema.has("pattern") && length <= max && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            out.add(new Violation(path, abbreviate('"' + text + '"') + " does not match " + schema.get("pattern"),
                    "give a value matching " + schema.get("pattern").asText(), Kind.NOT_ALLOWED));
        }
    }

    private static void validateArray(String path, JsonNode array, JsonNode schema, List<Violation> out) {
        if (schema.has("minItems") && array.size() < schema.get("minItems").asInt()) {
            out.add(new Violation(path, "has " + array.size() + " items, fewer than " + schema.get("minItems").asInt(),
                    "give at least " + schema.get("minItems").asInt(), Kind.RANGE));
        }
        if (schema.has("maxItems") && array.size() > schema.get("maxItems").asInt()) {
            out.add(new Violation(path, "has " + array.size() + " items, more than " + schema.get("maxItems").asInt(),
                    "give at most " + schema.get("maxItems").asInt(), Kind.RANGE));
        }
        if (schema.path("uniqueItems").asBoolean(false)) {
            Set<JsonNode> seen = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                if (!seen.add(array.get(i))) {
                    out.add(new Violation(path + "[" + i + "]", abbreviate(array.get(i).toString())
                            + " is listed twice", "list each value once", Kind.DUPLICATE));
                }
            }
        }
        if (schema.has("items")) {
            for (int i = 0; i < array.size(); i++) {
                validate(path + "[" + i + "]", array.get(i), schema.get("items"), out);
            }
        }
    }

    private static void validateObject(String path, JsonNode object, JsonNode schema, List<Violation> out) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!object.has(required.asText())) {
                out.add(new Violation(path + "." + required.asText(), "missing required field '" + required.asText()
                        + "'", "add it", Kind.MISSING));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (properties.has(field.getKey())) {
                validate(path + "." + field.getKey(), field.getValue(), properties.get(field.getKey()), out);
            } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                out.add(new Violation(path + "." + field.getKey(), "unknown field '" + field.getKey() + "'",
                        properties.size() == 0 ? "remove it" : "use one of " + fieldNames(properties), Kind.UNKNOWN));
            } else if (schema.path("additionalProperties").isObject()) {
                validate(path + "." + field.getKey(), field.getValue(), schema.get("additionalProperties"), out);
            }
        }
    }

    private static void lintSchema(String path, JsonNode schema, List<String> problems) {
        if (schema == null || !schema.isObject()) {
            problems.add(path + ": must be a JSON Schema object such as {\"type\": \"string\"}");
            return;
        }
        schema.fieldNames().forEachRemaining(keyword -> {
            if (!KEYWORDS.contains(keyword)) {
                problems.add(path + ": unsupported schema keyword '" + keyword + "' (supported: "
                        + String.join(", ", sortedKeywords()) + ")");
            }
        });
        JsonNode type = schema.get("type");
        if (type == null || !type.isTextual() || !TYPES.contains(type.asText())) {
            problems.add(path + ": 'type' must be one of " + String.join(", ", new java.util.TreeSet<>(TYPES)));
            return;
        }
        if (schema.has("pattern")) {
            try {
                Pattern.compile(schema.get("pattern").asText());
            } catch (PatternSyntaxException e) {
                problems.add(path + ": 'pattern' is not a valid regular expression: " + e.getDescription());
            }
        }
        if (schema.has("items")) {
            lintSchema(path + ".items", schema.get("items"), problems);
        } else if ("array".equals(type.asText())) {
            problems.add(path + ": an array parameter needs 'items'");
        }
        schema.path("properties").fields().forEachRemaining(p -> lintSchema(path + ".properties." + p.getKey(),
                p.getValue(), problems));
        if (schema.has("default")) {
            List<Violation> bad = new ArrayList<>();
            validate(path + ".default", schema.get("default"), schema, bad);
            bad.forEach(v -> problems.add(v.path() + ": the default " + v.message()));
        }
    }

    private static List<String> sortedKeywords() {
        return new ArrayList<>(new java.util.TreeSet<>(KEYWORDS));
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        };
    }

    /** The value the author evidently meant: "10" for an integer, a single value for an array of them. */
    private static JsonNode coerce(JsonNode value, JsonNode schema) {
        String type = schema.path("type").asText("");
        if (value.isTextual() && ("integer".equals(type) || "number".equals(type))) {
            try {
                java.math.BigDecimal number = new java.math.BigDecimal(value.textValue().strip());
                if ("number".equals(type)) {
                    return JsonNodeFactory.instance.numberNode(number);
                }
                return number.stripTrailingZeros().scale() <= 0
                        ? JsonNodeFactory.instance.numberNode(number.toBigIntegerExact()) : null;
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
        if (value.isValueNode() && "array".equals(type) && hasType(value, schema.path("items").path("type").asText(""))) {
            return JsonNodeFactory.instance.arrayNode().add(value);
        }
        if (value.isTextual() && "boolean".equals(type)
                && ("true".equals(value.textValue()) || "false".equals(value.textValue()))) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value.textValue()));
        }
        return null;
    }

    private static String jsonType(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.isObject() ? "an object" : "null";
    }

    private static String article(String type) {
        return ("array".equals(type) || "integer".equals(type) || "object".equals(type) ? "an " : "a ") + type;
    }

    static String describe(JsonNode schema) {
        StringBuilder out = new StringBuilder(article(schema.path("type").asText("value")));
        if (schema.has("items")) {
            out.append(" of ").append(schema.get("items").path("type").asText("value")).append("s");
        }
        if (schema.has("enum")) {
            out.append(", one of ").append(schema.get("enum"));
        }
        if (schema.has("minimum")) {
            out.append(", at least ").append(schema.get("minimum"));
        }
        if (schema.has("maximum")) {
            out.append(", at most ").append(schema.get("maximum"));
        }
        if (schema.has("minItems")) {
            out.append(", at least ").append(schema.get("minItems")).append(" item(s)");
        }
        return out.toString();
    }

    private static String fieldNames(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** A parsed schema and what is wrong with it. */
    public record Parsed(ParameterSchema schema, List<String> problems) {
    }

    /** What kind of mistake a violation is. */
    public enum Kind { UNKNOWN, MISSING, TYPE, RANGE, NOT_ALLOWED, DUPLICATE }

    /**
     * One ill-typed argument: where, what, how to fix it, and — where one value is clearly meant — the value to put
     * there instead ({@code suggestion}; for {@link Kind#UNKNOWN} the argument name meant, as text).
     */
    public record Violation(String path, String message, String fix, Kind kind, JsonNode suggestion) {
        public Violation(String path, String message, String fix, Kind kind) {
            this(path, message, fix, kind, null);
        }
    }

    /** The checked arguments ({@code params} null when there are violations). */
    public record Checked(ObjectNode params, List<Violation> violations) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }
}
