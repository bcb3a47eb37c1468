package io.trustfabric.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every value in values.yaml is typed in values.schema.json and documented in docs/helm.md. */
class ValuesReferenceTest {

  @Test
  void schemaTypesEveryValue() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(TrustFabricChart.directory().resolve("values.schema.json").toFile());

    assertThat(valuePaths()).allSatisfy(path -> {
      JsonNode node = schema;
      for (String key : path.split("\\.")) {
        node = resolve(schema, node).path("properties").path(key);
      }
      assertThat(resolve(schema, node).has("type") || resolve(schema, node).has("$ref"))
          .as("values.schema.json types %s", path).isTrue();
    });
  }

  @Test
  void docsDescribeEveryValue() throws IOException {
    Path doc = TrustFabricChart.directory().getParent().getParent().resolve("docs").resolve("helm.md");
    String text = Files.readString(doc);

    assertThat(valuePaths()).allSatisfy(path ->
        assertThat(text).as("docs/helm.md documents %s", path).contains("`" + path + "`"));
  }

  /** Dotted paths of the values.yaml entries a user sets: leaves, plus maps and lists as a whole. */
  private static List<String> valuePaths() {
    List<String> paths = new ArrayList<>();
    collect("", TrustFabricChart.readYaml(TrustFabricChart.directory().resolve("values.yaml")), paths);
    assertThat(paths).hasSizeGreaterThan(20);
    return paths;
  }

  @SuppressWarnings("unchecked")
  private static void collect(String prefix, Map<String, Object> values, List<String> paths) {
    values.forEach((key, value) -> {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (value instanceof Map<?, ?> map && !map.isEmpty() && !isFreeFormMap(path)) {
        collect(path, (Map<String, Object>) map, paths);
      } else {
        paths.add(path);
      }
    });
  }

  /** Maps whose keys are the user's (labels, selectors, resource names), documented as one value. */
  private static boolean isFreeFormMap(String path) {
    return path.endsWith("podSelector") || path.endsWith("resources.requests") || path.endsWith("resources.limits");
  }

  private static JsonNode resolve(JsonNode schema, JsonNode node) {
    JsonNode ref = node.path("$ref");
    if (ref.isTextual()) {
      String[] parts = ref.asText().replaceFirst("^#/", "").split("/");
      JsonNode target = schema;
      for (String part : parts) {
        target = target.path(part);
      }
      return target;
    }
    return node;
  }
}
