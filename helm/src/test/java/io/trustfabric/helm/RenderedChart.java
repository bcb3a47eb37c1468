package io.trustfabric.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The objects one `helm template` produced, typed where Fabric8 knows the kind. */
final class RenderedChart {

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  private final String manifest;
  private final List<HasMetadata> objects;

  private RenderedChart(String manifest, List<HasMetadata> objects) {
    this.manifest = manifest;
    this.objects = objects;
  }

  static RenderedChart parse(String manifest) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(manifest)) {
      if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
        continue;
      }
      KubernetesResource parsed = TrustFabricChart.serialization().unmarshal(document);
      if (!(parsed instanceof HasMetadata object)) {
        throw new AssertionError("Rendered document is not a Kubernetes object:\n" + document);
      }
      objects.add(object);
    }
    return new RenderedChart(manifest, List.copyOf(objects));
  }

  String manifest() {
    return manifest;
  }

  List<HasMetadata> objects() {
    return objects;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<GenericKubernetesResource> allOfKind(String kind) {
    return objects.stream()
        .filter(o -> kind.equals(o.getKind()))
        .map(o -> o instanceof GenericKubernetesResource g ? g
            : TrustFabricChart.serialization().convertValue(o, GenericKubernetesResource.class))
        .toList();
  }

  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw new AssertionError("Expected exactly one " + type.getSimpleName() + " but found " + found.size());
    }
    return found.get(0);
  }

  <T extends HasMetadata> T named(Class<T> type, String name, String namespace) {
    return all(type).stream()
        .filter(o -> name.equals(o.getMetadata().getName()))
        .filter(o -> Objects.equals(namespace, o.getMetadata().getNamespace()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " " + namespace + "/" + name));
  }
}
