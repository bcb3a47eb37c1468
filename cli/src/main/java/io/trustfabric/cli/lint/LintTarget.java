package io.trustfabric.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One object to lint: a document of a file, or one item of a {@code kind: List} document. */
record LintTarget(SourceFile file, SourceFile.Document document, int item, JsonNode object) {

    /** Every object of the file, in order (empty documents and documents that are not objects yield none). */
    static List<LintTarget> of(SourceFile file) {
        List<LintTarget> targets = new ArrayList<>();
        for (SourceFile.Document document : file.documents()) {
            JsonNode root = document.root();
            if (document.empty() || !root.isObject()) {
                continue;
            }
            if (isList(root)) {
                for (int i = 0; i < root.get("items").size(); i++) {
                    if (root.get("items").get(i).isObject()) {
                        targets.add(new LintTarget(file, document, i, root.get("items").get(i)));
                    }
                }
            } else {
                targets.add(new LintTarget(file, document, -1, root));
            }
        }
        return targets;
    }

    /** A {@code kind: List} document, whose items are the objects (as tfctl apply reads it). */
    static boolean isList(JsonNode root) {
        return "List".equals(root.path("kind").asText()) && root.path("items").isArray();
    }

    /** Where this object is inside its document: nothing, or items/N. */
    List<String> prefix() {
        return item < 0 ? List.of() : List.of("items", String.valueOf(item));
    }

    String kind() {
        return text(object.path("kind"));
    }

    String name() {
        return text(object.path("metadata").path("name"));
    }

    String namespace() {
        return text(object.path("metadata").path("namespace"));
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
