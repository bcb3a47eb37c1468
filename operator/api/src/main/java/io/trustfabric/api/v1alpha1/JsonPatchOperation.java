package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One RFC 6902 JSON Patch operation of a quick fix. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JsonPatchOperation {

    @Required
    @JsonPropertyDescription("add, remove, replace, move, copy or test.")
    private String op;

    @Required
    @Size(max = 512)
    @JsonPropertyDescription("JSON Pointer (RFC 6901) into the object, e.g. /spec/rules/2/macro.")
    private String path;

    @Size(max = 512)
    @JsonPropertyDescription("Source pointer of move and copy.")
    private String from;

    @JsonPropertyDescription("The value of add, replace and test.")
    private JsonNode value;

    public JsonPatchOperation() {
    }

    public JsonPatchOperation(String op, String path, String from, JsonNode value) {
        this.op = op;
        this.path = path;
        this.from = from;
        this.value = value;
    }

    public static JsonPatchOperation replace(String path, JsonNode value) {
        return new JsonPatchOperation("replace", path, null, value);
    }

    public static JsonPatchOperation add(String path, JsonNode value) {
        return new JsonPatchOperation("add", path, null, value);
    }

    public static JsonPatchOperation remove(String path) {
        return new JsonPatchOperation("remove", path, null, null);
    }

    public static JsonPatchOperation move(String from, String path) {
        return new JsonPatchOperation("move", path, from, null);
    }

    public String getOp() { return op; }
    public void setOp(String op) { this.op = op; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = from; }
    public JsonNode getValue() { return value; }
    public void setValue(JsonNode value) { this.value = value; }
}
