package io.trustfabric.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What validating one object against its CRD found: the object without the fields its schema does not know
 * ({@code pruned}, what the API server stores), the paths of those fields, and the violations (empty: valid).
 */
public record ValidationResult(JsonNode pruned, List<String> unknownFields, List<FieldViolation> violations) {

    public ValidationResult {
        unknownFields = List.copyOf(unknownFields);
        violations = List.copyOf(violations);
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    /**
     * The API server's message for a refused object: {@code Tenant.trustfabric.io "acme" is invalid: spec.modes[0]:
     * Unsupported value: ...}; several violations in brackets, separated by commas.
     */
    public String invalidMessage(String kind, String group, String name) {
        String all = violations.size() == 1 ? violations.get(0).toString()
                : violations.stream().map(FieldViolation::toString).collect(Collectors.joining(", ", "[", "]"));
        return kind + "." + group + " \"" + name + "\" is invalid: " + all;
    }

    /**
     * What the API server says under strict field validation: {@code strict decoding error: unknown field
     * "spec.replcas", unknown field "spec.x"}.
     */
    public String unknownFieldsMessage() {
        return "strict decoding error: " + unknownFields.stream().map(f -> "unknown field \"" + f + "\"")
                .collect(Collectors.joining(", "));
    }
}
