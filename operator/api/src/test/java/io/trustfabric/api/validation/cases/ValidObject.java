package io.trustfabric.api.validation.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.validation.ApiReferenceExamples;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** An object both validators and the API server must accept: a documented example or a named variant of one. */
public final class ValidObject {

    private final String description;
    private final Supplier<ObjectNode> source;
    private final String kind;

    private ValidObject(String description, String kind, Supplier<ObjectNode> source) {
        this.description = description;
        this.kind = kind;
        this.source = source;
    }

    /** The index-th trustfabric.io example of docs/api-reference.md. */
    public static ValidObject documented(int index) {
        Supplier<ObjectNode> source = () -> (ObjectNode) ApiReferenceExamples.all().get(index);
        ObjectNode example = source.get();
        String kind = example.path("kind").asText();
        return new ValidObject("documented " + kind + " " + example.at("/metadata/name").asText(), kind, source);
    }

    /** The first documented example of the kind. */
    public static ValidObject documented(String kind) {
        return documented(kind, null);
    }

    /** The documented example of the kind with that name (any name when null). */
    public static ValidObject documented(String kind, String name) {
        List<JsonNode> examples = ApiReferenceExamples.all();
        for (int i = 0; i < examples.size(); i++) {
            JsonNode example = examples.get(i);
            if (kind.equals(example.path("kind").asText())
                    && (name == null || name.equals(example.at("/metadata/name").asText()))) {
                return documented(i);
            }
        }
        throw new IllegalArgumentException("docs/api-reference.md has no " + kind + " example named " + name);
    }

    /** This object changed as described; the change must keep it valid. */
    public ValidObject with(String change, Consumer<ObjectNode> edit) {
        return new ValidObject(kind + " " + change, kind, () -> {
            ObjectNode object = object();
            edit.accept(object);
            return object;
        });
    }

    /** A fresh copy, free to change. */
    public ObjectNode object() {
        return source.get();
    }

    public String kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
