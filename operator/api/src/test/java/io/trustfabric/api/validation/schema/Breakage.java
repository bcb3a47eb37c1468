package io.trustfabric.api.validation.schema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trustfabric.api.validation.CrdObjectValidator;
import io.trustfabric.api.validation.cases.Violation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How to break one schema constraint where a valid object has a value for it, and the refusal the API server
 * then gives (in its wording, which CrdObjectValidator shares). Empty for CEL rules, which need hand-written
 * cases, and for keywords no generator exists for yet.
 */
record Breakage(String description, Consumer<ObjectNode> edit, Violation expected) {

    static final String UNSUPPORTED = "unsupported-value";

    /** Strings tried, in order, as a value that misses a pattern. */
    private static final List<String> NON_MATCHING = List.of("not valid!", "-", "");

    static Optional<Breakage> of(SchemaConstraint constraint, JsonNode object, SchemaPaths.Location at) {
        JsonNode schema = constraint.schema();
        String path = at.fieldPath();
        return switch (constraint.keyword()) {
            case "enum" -> {
                if (schema.get("enum").toString().contains('"' + UNSUPPORTED + '"')) {
                    throw new IllegalStateException(constraint + " allows " + UNSUPPORTED);
                }
                yield replace(at, TextNode.valueOf(UNSUPPORTED), "Unsupported value: \"" + UNSUPPORTED + "\"");
            }
            case "pattern" -> {
                Pattern pattern = Pattern.compile(schema.get("pattern").asText());
                String text = NON_MATCHING.stream().filter(s -> !pattern.matcher(s).find()).findFirst()
                        .orElseThrow(() -> new IllegalStateException(constraint + " matches every candidate"));
                yield replace(at, TextNode.valueOf(text), "should match '" + pattern.pattern() + "'");
            }
            case "maxLength" -> {
                int max = schema.get("maxLength").asInt();
                yield replace(at, TextNode.valueOf(filler(schema).repeat(max + 1)),
                        "Too long: may not be more than " + max + " bytes");
            }
            case "minLength" -> {
                int min = schema.get("minLength").asInt();
                yield replace(at, TextNode.valueOf(filler(schema).repeat(min - 1)), "should be at least " + min + " chars long");
            }
            case "minimum" -> replace(at, step(schema, schema.get("minimum").decimalValue(), -1),
                    "should be greater than or equal to " + CrdObjectValidator.number(schema.get("minimum")));
            case "maximum" -> replace(at, step(schema, schema.get("maximum").decimalValue(), 1),
                    "should be less than or equal to " + CrdObjectValidator.number(schema.get("maximum")));
            case "minItems" -> {
                int min = schema.get("minItems").asInt();
                yield replace(at, resized((ArrayNode) object.at(at.pointer()), min - 1),
                        "should have at least " + min + " items");
            }
            case "maxItems" -> {
                int max = schema.get("maxItems").asInt();
                yield replace(at, resized((ArrayNode) object.at(at.pointer()), max + 1),
                        "must have at most " + max + " items");
            }
            case "x-kubernetes-int-or-string" -> replace(at, BooleanNode.TRUE, "must be of type integer,string");
            case "required" -> {
                String field = constraint.path().substring(constraint.path().lastIndexOf('.') + 1);
                yield Optional.of(new Breakage("without " + SchemaConstraints.join(path, field),
                        o -> ((ObjectNode) o.at(at.pointer())).remove(field),
                        Violation.at(SchemaConstraints.join(path, field), "Required value")));
            }
            default -> Optional.empty();
        };
    }

    /** Where a constraint's value lives: a required field's parent object, the constrained value otherwise. */
    static String valuePath(SchemaConstraint constraint) {
        if (!constraint.keyword().equals("required")) {
            return constraint.path();
        }
        int dot = constraint.path().lastIndexOf('.');
        return dot < 0 ? "" : constraint.path().substring(0, dot);
    }

    private static Optional<Breakage> replace(SchemaPaths.Location at, JsonNode value, String message) {
        String shown = value.isTextual() && value.asText().length() > 20
                ? value.asText().length() + " characters" : value.toString();
        return Optional.of(new Breakage(at.fieldPath() + " = " + (value.isArray() ? value.size() + " items" : shown),
                o -> set(o, at.pointer(), value.deepCopy()), Violation.at(at.fieldPath(), message)));
    }

    private static void set(ObjectNode object, JsonPointer pointer, JsonNode value) {
        JsonNode parent = object.at(pointer.head());
        if (parent.isArray()) {
            ((ArrayNode) parent).set(pointer.last().getMatchingIndex(), value);
        } else {
            ((ObjectNode) parent).set(pointer.last().getMatchingProperty(), value);
        }
    }

    /** A character that, repeated, still matches the field's pattern if it has one, so only the length is wrong. */
    private static String filler(JsonNode schema) {
        if (!schema.has("pattern")) {
            return "a";
        }
        Pattern pattern = Pattern.compile(schema.get("pattern").asText());
        return List.of("a", "1").stream().filter(c -> pattern.matcher(c.repeat(3)).find()).findFirst().orElse("a");
    }

    private static JsonNode step(JsonNode schema, BigDecimal bound, int direction) {
        return "integer".equals(schema.path("type").asText())
                ? LongNode.valueOf(bound.longValueExact() + direction)
                : DecimalNode.valueOf(bound.add(new BigDecimal("0.5").multiply(BigDecimal.valueOf(direction))));
    }

    /** The array cut or grown (repeating its items) to the size. */
    private static ArrayNode resized(ArrayNode array, int size) {
        if (array.isEmpty() && size > 0) {
            throw new IllegalStateException("cannot grow an empty list");
        }
        ArrayNode resized = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < size; i++) {
            resized.add(array.get(i % array.size()).deepCopy());
        }
        return resized;
    }
}
