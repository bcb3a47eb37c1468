package io.trustfabric.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustfabric.api.crds.CrdDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The complete trustfabric.io objects shown in docs/api-reference.md, the examples users copy. */
public final class ApiReferenceExamples {

    public static final Path API_REFERENCE = Path.of("..", "..", "docs", "api-reference.md");

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private ApiReferenceExamples() {
    }

    private static List<JsonNode> parsed;

    /** Fresh copies of the examples, in document order. */
    public static List<JsonNode> all() {
        return parsed().stream().map(node -> (JsonNode) node.deepCopy()).toList();
    }

    private static synchronized List<JsonNode> parsed() {
        if (parsed == null) {
            parsed = List.copyOf(parse());
        }
        return parsed;
    }

    private static List<JsonNode> parse() {
        String markdown;
        try {
            markdown = Files.readString(API_REFERENCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> objects = new ArrayList<>();
        Matcher matcher = YAML_BLOCK.matcher(markdown);
        while (matcher.find()) {
            String block = matcher.group(1);
            if (block.contains("apiVersion: trustfabric.io/v1alpha1")) {
                objects.add(CrdDocuments.parse(block));
            }
        }
        return objects;
    }

    /** The first example of a kind, as a fresh copy a test may change. */
    public static JsonNode first(String kind) {
        return all().stream().filter(o -> kind.equals(o.path("kind").asText())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("docs/api-reference.md has no " + kind + " example"));
    }
}
