package io.trustfabric.api.validation.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.validation.GeneratedCrds;

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

    /**
     * Fills the list up to its schema's maxItems with copies of its first item, each named uniquely in the field, so
     * rules over all pairs of items (unique ids, unique names) run at the largest cost the API server must accept.
     */
    static void fillToMaxItems(ObjectNode object, String listPointer, String uniqueField) {
        StringBuilder schemaPointer = new StringBuilder();
        for (String step : listPointer.substring(1).split("/")) {
            schemaPointer.append(step.matches("\\d+") ? "/items" : "/properties/" + step);
        }
        JsonNode maxItems = GeneratedCrds.schemaOf(object.path("kind").asText()).at(schemaPointer + "/maxItems");
        if (!maxItems.isNumber()) {
            throw new IllegalArgumentException(listPointer + " has no maxItems");
        }
        ArrayNode list = (ArrayNode) object.at(listPointer);
        ObjectNode first = (ObjectNode) list.get(0);
        list.removeAll();
        for (int i = 0; i < maxItems.intValue(); i++) {
            list.add(first.deepCopy().put(uniqueField, first.path(uniqueField).asText() + "-" + i));
        }
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
