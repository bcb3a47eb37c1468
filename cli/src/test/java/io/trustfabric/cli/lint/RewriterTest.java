package io.trustfabric.cli.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewriterTest {

    private static final String TEXT = """
            # yaml-language-server: $schema=https://example.invalid/schema.json
            apiVersion: v1
            kind: ConfigMap   # untouched
            metadata: {name: first}
            data: {k: v}
            ---
            # leading comment of the second document
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: second   # the name
            # a comment line of its own
            data:
              size: 5        # too small
              list: [a, b]
            # trailing comment of the second document
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: third}
            """;

    private static Rewriter.Result rewrite(String text, String name, int document, String field, int value)
            throws Rewriter.RewriteException {
        SourceFile file = SourceFile.parse(Path.of(name), text);
        JsonNode root = file.document(document).orElseThrow().root().deepCopy();
        ((ObjectNode) root.get("data")).set(field, IntNode.valueOf(value));
        return Rewriter.rewrite(file, Map.of(document, root));
    }

    @Test
    void onlyTheFixedDocumentChangesAndItsCommentsStay() throws Exception {
        Rewriter.Result result = rewrite(TEXT, "f.yaml", 2, "size", 10);
        assertThat(result.text()).isEqualTo("""
                # yaml-language-server: $schema=https://example.invalid/schema.json
                apiVersion: v1
                kind: ConfigMap   # untouched
                metadata: {name: first}
                data: {k: v}
                ---
                # leading comment of the second document
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: second   # the name
                # a comment line of its own
                data:
                  size: 10       # too small
                  list:
                    - a
                    - b
                # trailing comment of the second document
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: third}
                """);
        assertThat(result.commentsLost()).isZero();
        assertThat(result.after().documents()).hasSize(3);
        assertThat(result.after().documents().get(1).root().path("data").path("size").asInt()).isEqualTo(10);
    }

    @Test
    void theDiffShowsOnlyTheChangedLines() throws Exception {
        Rewriter.Result result = rewrite(TEXT, "f.yaml", 2, "size", 10);
        String diff = UnifiedDiff.of("f.yaml", Rewriter.lines(TEXT), result.edits());
        assertThat(diff).startsWith("--- f.yaml\n+++ f.yaml\n@@ -11,8 +11,10 @@\n")
                .contains("\n-  size: 5        # too small\n-  list: [a, b]\n+  size: 10       # too small\n"
                        + "+  list:\n+    - a\n+    - b\n")
                .contains("\n # a comment line of its own\n");
    }

    @Test
    void aFirstDocumentWithoutMarkerKeepsTheModeline() throws Exception {
        Rewriter.Result result = rewrite(TEXT, "f.yaml", 1, "k", 1);
        assertThat(result.text()).startsWith("""
                # yaml-language-server: $schema=https://example.invalid/schema.json
                apiVersion: v1
                kind: ConfigMap   # untouched
                metadata:
                  name: first
                data:
                  k: 1
                ---
                # leading comment of the second document
                """);
        assertThat(result.text()).endsWith(TEXT.substring(TEXT.indexOf("---\n# leading") + 4));
    }

    @Test
    void aDocumentStartingOnItsMarkerLineKeepsTheMarker() throws Exception {
        Rewriter.Result result = rewrite("a: 1\n--- {apiVersion: v1, kind: ConfigMap, data: {k: 1}}\n", "f.yaml", 2,
                "k", 2);
        assertThat(result.text()).isEqualTo("a: 1\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  k: 2\n");
    }

    @Test
    void lineEndingsAndAMissingFinalNewlineAreRespected() throws Exception {
        String crlf = "apiVersion: v1\r\nkind: ConfigMap\r\ndata:\r\n  k: 1\r\n";
        assertThat(rewrite(crlf, "f.yaml", 1, "k", 2).text())
                .isEqualTo("apiVersion: v1\r\nkind: ConfigMap\r\ndata:\r\n  k: 2\r\n");
    }

    @Test
    void aCommentOnAChangedLineMovesToTheLineWithItsKeyAndOneOnARemovedLineIsCounted() throws Exception {
        String text = """
                apiVersion: v1
                kind: ConfigMap
                data:
                  list: [a, b]   # two
                  gone: x        # removed
                  k: 1
                """;
        SourceFile file = SourceFile.parse(Path.of("f.yaml"), text);
        ObjectNode root = (ObjectNode) file.documents().get(0).root().deepCopy();
        ((ObjectNode) root.get("data")).remove("gone");
        Rewriter.Result result = Rewriter.rewrite(file, Map.of(1, root));
        assertThat(result.text()).isEqualTo("""
                apiVersion: v1
                kind: ConfigMap
                data:
                  list:          # two
                    - a
                    - b
                  k: 1
                """);
        assertThat(result.commentsLost()).isEqualTo(1);
    }

    @Test
    void stringsThatLookLikeOtherTypesStayStrings() throws Exception {
        String text = """
                apiVersion: v1
                kind: ConfigMap
                data:
                  a: "1e3"
                  b: "yes"
                  c: "0.1"
                  d: ".5"
                  e: "null"
                  k: 1
                """;
        Rewriter.Result result = rewrite(text, "f.yaml", 1, "k", 2);
        JsonNode data = result.after().documents().get(0).root().path("data");
        for (String key : new String[] {"a", "b", "c", "d", "e"}) {
            assertThat(data.get(key).isTextual()).as(key).isTrue();
        }
    }

    @Test
    void aJsonFileIsWrittenAsJson() throws Exception {
        String json = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"data\": {\"k\": 1}}\n";
        Rewriter.Result result = rewrite(json, "f.json", 1, "k", 2);
        assertThat(result.text()).startsWith("{\n").contains("\"k\" : 2");
        assertThat(result.after().documents().get(0).root().path("data").path("k").asInt()).isEqualTo(2);
    }
}
