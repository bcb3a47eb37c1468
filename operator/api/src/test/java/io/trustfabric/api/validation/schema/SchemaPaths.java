package io.trustfabric.api.validation.schema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Between field paths of an object ({@code spec.partners[1].id}) and schema paths ({@code spec.partners[*].id}). */
public final class SchemaPaths {

    private static final Pattern STEP = Pattern.compile("\\[(\\d+)]|([^.\\[\\]]+)");

    private SchemaPaths() {
    }

    /** Where in an object a schema path has a value: the field path the API server reports and a pointer to edit it. */
    public record Location(String fieldPath, JsonPointer pointer) {
    }

    /** The schema path of a field path in an object of the schema's kind. */
    public static String schemaPathOf(JsonNode rootSchema, String fieldPath) {
        StringBuilder schemaPath = new StringBuilder();
        JsonNode schema = rootSchema;
        Matcher step = STEP.matcher(fieldPath);
        while (step.find()) {
            if (step.group(1) != null) {
                schemaPath.append("[*]");
                schema = schema.path("items");
            } else if (schema.path("properties").has(step.group(2))) {
                appendField(schemaPath, step.group(2));
                schema = schema.path("properties").path(step.group(2));
            } else {
                appendField(schemaPath, schema.path("additionalProperties").isObject() ? "*" : step.group(2));
                schema = schema.path("additionalProperties");
            }
        }
        return schemaPath.toString();
    }

    /** The first place (depth first, in document order) where the object has a value at the schema path. */
    public static Optional<Location> firstValueAt(JsonNode object, String schemaPath) {
        List<String> steps = new ArrayList<>();
        Matcher step = Pattern.compile("\\[\\*]|[^.\\[\\]]+").matcher(schemaPath);
        while (step.find()) {
            steps.add(step.group());
        }
        return find(object, steps, 0, "", JsonPointer.empty());
    }

    private static Optional<Location> find(JsonNode node, List<String> steps, int index, String fieldPath, JsonPointer pointer) {
        if (index == steps.size()) {
            return Optional.of(new Location(fieldPath, pointer));
        }
        String step = steps.get(index);
        if (step.equals("[*]")) {
            for (int i = 0; i < node.size() && node.isArray(); i++) {
                Optional<Location> found = find(node.get(i), steps, index + 1, fieldPath + "[" + i + "]",
                        pointer.appendIndex(i));
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (step.equals("*")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Optional<Location> found = find(field.getValue(), steps, index + 1,
                        SchemaConstraints.join(fieldPath, field.getKey()), pointer.appendProperty(field.getKey()));
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        return node.has(step)
                ? find(node.get(step), steps, index + 1, SchemaConstraints.join(fieldPath, step), pointer.appendProperty(step))
                : Optional.empty();
    }

    private static void appendField(StringBuilder path, String field) {
        if (!path.isEmpty()) {
            path.append('.');
        }
        path.append(field);
    }
}
