package io.trustfabric.api.crds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checked-in editor schemas (schemas/) put to a real JSON Schema validator (networknt json-schema-validator),
 * as an editor's YAML language server would apply them.
 */
final class EditorSchemaValidation {

    static final Path SCHEMAS = Path.of("..", "..", "schemas");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private EditorSchemaValidation() {
    }

    /** A schema file of schemas/ as JSON. */
    static JsonNode read(String file) {
        try {
            return JSON.readTree(Files.readString(SCHEMAS.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiled schema of a file of schemas/, e.g. trustpolicy-v1alpha1.json. */
    static Schema schema(String file) {
        return LOADED.computeIfAbsent(file, f -> REGISTRY.getSchema(read(f)));
    }

    /** The draft-07 meta-schema, bundled with the validator (nothing is downloaded). */
    static Schema metaSchema() {
        return LOADED.computeIfAbsent("meta", f -> REGISTRY.getSchema(SchemaLocation.of(EditorSchemas.DIALECT)));
    }

    /** The schema of an object's kind and version. */
    static String fileFor(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        return EditorSchemas.fileName(object.path("kind").asText(), apiVersion.substring(apiVersion.indexOf('/') + 1));
    }

    /** The errors, each as "field: keyword: message", the field named as the API server would (spec.rules[0].name). */
    static List<String> errors(String file, JsonNode object) {
        return schema(file).validate(object).stream().map(EditorSchemaValidation::describe).toList();
    }

    static String describe(Error error) {
        return field(error) + ": " + error.getKeyword() + ": " + error.getMessage();
    }

    /** The field an error is about; for a missing or unknown property, that property. */
    static String field(Error error) {
        StringBuilder field = new StringBuilder();
        NodePath location = error.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(element);
            }
        }
        if (error.getProperty() != null && List.of("required", "additionalProperties").contains(error.getKeyword())) {
            field.append(field.isEmpty() ? "" : ".").append(error.getProperty());
        }
        return field.isEmpty() ? "<root>" : field.toString();
    }
}
