package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a partner may learn: the intersection's size (psi-ca) or its items (psi). */
public enum QueryMode {
    PSI_CA("psi-ca"),
    PSI("psi");

    private final String wireName;

    QueryMode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static QueryMode fromWireName(String name) {
        for (QueryMode m : values()) {
            if (m.wireName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + name + "' (expected psi-ca or psi)");
    }
}
