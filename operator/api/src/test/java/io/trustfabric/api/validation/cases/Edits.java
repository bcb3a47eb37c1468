package io.trustfabric.api.validation.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Shorthands for changing an example object in a case. */
final class Edits {

    private Edits() {
    }

    static ObjectNode spec(ObjectNode object) {
        return object(object, "/spec");
    }

    /** The object at the JSON pointer, which must exist. */
    static ObjectNode object(ObjectNode object, String pointer) {
        JsonNode node = object.at(pointer);
        if (!node.isObject()) {
            throw new IllegalArgumentException("no object at " + pointer + " in " + object.path("kind").asText());
        }
        return (ObjectNode) node;
    }

    /** Replaces (or adds) the array and fills it with the integers. */
    static ArrayNode integers(ObjectNode parent, String field, int... values) {
        ArrayNode array = parent.putArray(field);
        for (int value : values) {
            array.add(value);
        }
        return array;
    }
}
