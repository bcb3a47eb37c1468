package io.trustfabric.cli.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.api.v1alpha1.JsonPatchOperation;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode apply(String document, JsonPatchOperation... ops) throws JsonPatch.PatchException {
        return JsonPatch.apply(json(document), List.of(ops));
    }

    @Test
    void addReplaceAndRemove() throws Exception {
        assertThat(apply("{'a': 1}", JsonPatchOperation.add("/b", json("[1]")))).isEqualTo(json("{'a': 1, 'b': [1]}"));
        assertThat(apply("{'a': [1, 3]}", JsonPatchOperation.add("/a/1", json("2")))).isEqualTo(json("{'a': [1, 2, 3]}"));
        assertThat(apply("{'a': [1]}", JsonPatchOperation.add("/a/-", json("2")))).isEqualTo(json("{'a': [1, 2]}"));
        assertThat(apply("{'a': 1, 'b': 2}", JsonPatchOperation.replace("/a", json("9"))).toString())
                .isEqualTo("{\"a\":9,\"b\":2}");
        assertThat(apply("{'a': [1, 2]}", JsonPatchOperation.replace("/a/0", json("5")))).isEqualTo(json("{'a': [5, 2]}"));
        assertThat(apply("{'a': [1, 2], 'b': 1}", JsonPatchOperation.remove("/a/0"), JsonPatchOperation.remove("/b")))
                .isEqualTo(json("{'a': [2]}"));
        assertThat(apply("{'a/b': {'~c': 1}}", JsonPatchOperation.replace("/a~1b/~0c", json("2"))))
                .isEqualTo(json("{'a/b': {'~c': 2}}"));
    }

    @Test
    void aMoveWithinOneObjectRenamesTheKeyInPlace() throws Exception {
        JsonNode moved = apply("{'x': 1, 'minSetSise': 20, 'maxSetSize': 50}",
                JsonPatchOperation.move("/minSetSise", "/minSetSize"));
        assertThat(moved.toString()).isEqualTo("{\"x\":1,\"minSetSize\":20,\"maxSetSize\":50}");
        assertThat(apply("{'a': {'b': 1}, 'c': {}}", JsonPatchOperation.move("/a/b", "/c/b")))
                .isEqualTo(json("{'a': {}, 'c': {'b': 1}}"));
    }

    @Test
    void copyAndTestCompareNumbersByValue() throws Exception {
        assertThat(apply("{'a': {'b': 1}}", new JsonPatchOperation("copy", "/c", "/a", null)))
                .isEqualTo(json("{'a': {'b': 1}, 'c': {'b': 1}}"));
        assertThat(apply("{'a': 1}", new JsonPatchOperation("test", "/a", null, json("1.0")))).isEqualTo(json("{'a': 1}"));
        assertThatThrownBy(() -> apply("{'a': 1}", new JsonPatchOperation("test", "/a", null, json("2"))))
                .isInstanceOf(JsonPatch.PatchException.class);
    }

    @Test
    void operationsOnWhatIsNotThereFailWithoutChangingTheDocument() {
        JsonNode document = json("{'a': [1]}");
        assertThatThrownBy(() -> JsonPatch.apply(document, List.of(JsonPatchOperation.add("/a/0", json("0")),
                JsonPatchOperation.remove("/b")))).isInstanceOf(JsonPatch.PatchException.class).hasMessageContaining("/b");
        assertThat(document).isEqualTo(json("{'a': [1]}"));
        assertThatThrownBy(() -> apply("{'a': [1]}", JsonPatchOperation.replace("/a/1", json("0"))))
                .isInstanceOf(JsonPatch.PatchException.class);
        assertThatThrownBy(() -> apply("{'a': [1]}", JsonPatchOperation.add("/a/5", json("0"))))
                .isInstanceOf(JsonPatch.PatchException.class);
        assertThatThrownBy(() -> apply("{'a': {}}", JsonPatchOperation.move("/a", "/a/b")))
                .isInstanceOf(JsonPatch.PatchException.class);
        assertThatThrownBy(() -> apply("{}", new JsonPatchOperation("frobnicate", "/a", null, null)))
                .isInstanceOf(JsonPatch.PatchException.class);
    }
}
