package io.trustfabric.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart under test: renders helm/trust-fabric through helm-java (Helm's own Go code) with --set values.
 */
final class TrustFabricChart {

  static final String RELEASE = "trust-fabric";
  static final String NAMESPACE = "trust-system";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private TrustFabricChart() {
  }

  /** helm/trust-fabric, found from the module directory Maven runs the tests in. */
  static Path directory() {
    Path moduleDir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    Path chart = moduleDir.resolve("trust-fabric");
    if (!Files.isDirectory(chart)) {
      chart = moduleDir.resolve("helm").resolve("trust-fabric");
    }
    if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
      throw new IllegalStateException("Chart not found next to " + moduleDir);
    }
    return chart;
  }

  static Helm helm() {
    return new Helm(directory());
  }

  /** Renders with the chart defaults. */
  static RenderedChart render() {
    return render(Map.of());
  }

  /** Renders with each entry passed as `--set key=value`. */
  static RenderedChart render(Map<String, ?> setValues) {
    return RenderedChart.parse(template(setValues).call());
  }

  /** Renders with the values files (as `-f file`, in order) and then each entry as `--set key=value`. */
  static RenderedChart render(List<Path> valuesFiles, Map<String, ?> setValues) {
    TemplateCommand template = template(setValues);
    valuesFiles.forEach(template::withValuesFile);
    return RenderedChart.parse(template.call());
  }

  /** Renders and returns Helm's error; fails the test if rendering succeeds. */
  static String renderError(Map<String, ?> setValues) {
    try {
      String manifest = template(setValues).call();
      throw new AssertionError("helm template succeeded but should have failed for " + setValues
          + "; it rendered:\n" + manifest);
    } catch (IllegalStateException helmError) {
      return helmError.getMessage();
    }
  }

  private static TemplateCommand template(Map<String, ?> setValues) {
    TemplateCommand template = helm().template().withName(RELEASE).withNamespace(NAMESPACE);
    new LinkedHashMap<>(setValues).forEach(template::set);
    return template;
  }

  static Map<String, Object> readYaml(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> yaml = SERIALIZATION.unmarshal(in, Map.class);
      return yaml;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static KubernetesSerialization serialization() {
    return SERIALIZATION;
  }

  static String appVersion() {
    return String.valueOf(readYaml(directory().resolve("Chart.yaml")).get("appVersion"));
  }

  /** The metric names of files/metrics.yaml, section ("operator" or "worker") to name key to metric name. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, String>> metricNames() {
    Map<String, Object> yaml = readYaml(directory().resolve("files").resolve("metrics.yaml"));
    Map<String, Map<String, String>> names = new LinkedHashMap<>();
    yaml.forEach((section, entries) -> names.put(section, (Map<String, String>) entries));
    return names;
  }
}
