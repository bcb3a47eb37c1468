package io.trustfabric.api.common;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key in a Secret (or ConfigMap) of the resource's own namespace. */
public class SecretKeyRef {
    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of the object in the same namespace.")
    private String name;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Key inside the object's data.")
    private String key;

    public SecretKeyRef() {
    }

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
}
