package io.trustfabric.api.validation.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One thing a CRD's schema refuses: a keyword (enum, pattern, required, a CEL rule ...) at a schema path. Paths name
 * fields as the API server does, with [*] for any list item and * for any key of a map; a required field's path is
 * the field's own. {@code detail} tells apart several constraints with one keyword at one path: a CEL rule's
 * message; empty otherwise.
 */
public record SchemaConstraint(String kind, String path, String keyword, String detail, JsonNode schema) {

    public static final String CEL_RULE = "x-kubernetes-validations";

    /** What identifies the constraint, e.g. {@code Tenant spec.modes[*] enum}. */
    public String key() {
        return kind + " " + (path.isEmpty() ? "<root>" : path) + " " + keyword + (detail.isEmpty() ? "" : ": " + detail);
    }

    public boolean isCelRule() {
        return CEL_RULE.equals(keyword);
    }

    @Override
    public String toString() {
        return key();
    }
}
