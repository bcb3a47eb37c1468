package io.trustfabric.operator.policy.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sortsKeysAtEveryLevelAndDropsWhitespace() throws Exception {
        String text = CanonicalJson.text(JSON.readTree("""
                { "b": [ 3, {"z": 1, "a": null} ], "a": { "y": true, "x": "s" }, "c": 1.5 }
                """));
        assertThat(text).isEqualTo("{\"a\":{\"x\":\"s\",\"y\":true},\"b\":[3,{\"a\":null,\"z\":1}],\"c\":1.5}");
    }

    @Test
    void sameValueWrittenInAnotherKeyOrderGivesTheSameText() throws Exception {
        assertThat(CanonicalJson.text(JSON.readTree("{\"x\":1,\"y\":{\"q\":[1,2],\"p\":\"v\"}}")))
                .isEqualTo(CanonicalJson.text(JSON.readTree("{\"y\":{\"p\":\"v\",\"q\":[1,2]},\"x\":1}")));
    }

    @Test
    void escapesStringsLikeGoWithoutHtmlEscaping() {
        var node = JsonNodeFactory.instance.textNode("q\"b\\n\nt\tc\u0001d\u001fe\bf\fl\u2028p\u2029<&>é😀\u007f");
        assertThat(CanonicalJson.text(node)).isEqualTo(
                "\"q\\\"b\\\\n\\nt\\tc\\u0001d\\u001fe\\bf\\fl\\u2028p\\u2029<&>é😀\u007f\"");
    }

    @Test
    void keysSortByUtf8BytesNotUtf16Units() {
        var node = JsonNodeFactory.instance.objectNode();
        node.put("\uFF21", 1); // U+FF21: UTF-8 EF BC A1, UTF-16 FF21
        node.put("😀", 2);      // U+1F600: UTF-8 F0 9F 98 80, UTF-16 D83D DE00
        assertThat(CanonicalJson.text(node)).isEqualTo("{\"\uFF21\":1,\"😀\":2}");
    }

    @Test
    void refusesALoneSurrogate() {
        assertThatThrownBy(() -> CanonicalJson.text(JsonNodeFactory.instance.textNode("a\uD800b")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
