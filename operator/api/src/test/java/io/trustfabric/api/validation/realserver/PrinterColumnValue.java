package io.trustfabric.api.validation.realserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text kubectl shows for a printer column's JSONPath in an object, for the two forms the CRDs use: a field path
 * ({@code .spec.tenantRef}) and a field of the list item a filter selects
 * ({@code .status.conditions[?(@.type=="Ready")].status}).
 * Empty when the object has no value there.
 */
final class PrinterColumnValue {

    private static final Pattern FIELD_PATH = Pattern.compile("(\\.[A-Za-z0-9_-]+)+");
    private static final Pattern FILTERED = Pattern.compile("(?<list>(\\.[A-Za-z0-9_-]+)+)\\[\\?\\(@\\.(?<key>[A-Za-z0-9_]+)"
            + "==\"(?<value>[^\"]*)\"\\)](?<field>(\\.[A-Za-z0-9_-]+)+)");

    private PrinterColumnValue() {
    }

    static String of(JsonNode object, String jsonPath) {
        if (FIELD_PATH.matcher(jsonPath).matches()) {
            return text(object.at(pointer(jsonPath)));
        }
        Matcher filtered = FILTERED.matcher(jsonPath);
        if (filtered.matches()) {
            for (JsonNode item : object.at(pointer(filtered.group("list")))) {
                if (filtered.group("value").equals(item.path(filtered.group("key")).asText())) {
                    return text(item.at(pointer(filtered.group("field"))));
                }
            }
            return "";
        }
        throw new IllegalArgumentException("PrinterColumnValue cannot evaluate the JSONPath " + jsonPath);
    }

    private static String pointer(String fieldPath) {
        return fieldPath.replace('.', '/');
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
