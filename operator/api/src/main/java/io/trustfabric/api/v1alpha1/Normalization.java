package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How items are normalised before they are hashed to the curve; both sides must use the same. */
public enum Normalization {
    NONE("none"),
    TRIM("trim"),
    EMAIL_LOWERCASE("email-lowercase"),
    EMAIL_LOWERCASE_SHA256("email-lowercase-sha256");

    private final String wireName;

    Normalization(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Normalization fromWireName(String name) {
        for (Normalization n : values()) {
            if (n.wireName.equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown normalization '" + name + "'");
    }
}
