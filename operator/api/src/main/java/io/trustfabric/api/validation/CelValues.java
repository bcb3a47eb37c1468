package io.trustfabric.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts JSON values to what CEL sees, escaping property names as the API server does. */
final class CelValues {

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
