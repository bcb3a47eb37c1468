package io.trustfabric.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.testsupport.CommandResult;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.trustfabric.helm.TrustFabricChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The ConfigMap that carries the Argo CD health checks, and the documented ways into argocd-cm (docs/gitops.md). */
class ArgoCdHealthChartTest {

  private static final String KEY_PREFIX = "resource.customizations.health.trustfabric.io_";
  private static final String CONFIG_MAP = "trust-fabric-argocd-health";
  private static final Map<String, Object> ENABLED = Map.of("argocd.healthChecks.enabled", true);

  /** The helm call of the docs' configs.cm command, which the test replaces by what it prints. */
  private static final String HELM_SHOW_ONLY = "helm template trust-fabric helm/trust-fabric"
      + " --set argocd.healthChecks.enabled=true \\\n    --show-only templates/argocd-health.yaml";

  @Test
  void noConfigMapUnlessAskedFor() {
    assertThat(TrustFabricChart.render().all(ConfigMap.class))
        .noneSatisfy(cm -> assertThat(cm.getMetadata().getName()).endsWith("-argocd-health"));
  }

  @Test
  void theConfigMapHoldsExactlyTheScriptFilesUnderTheKeysArgoCdReads() {
    ConfigMap configMap = TrustFabricChart.render(ENABLED).named(ConfigMap.class, CONFIG_MAP, NAMESPACE);

    Map<String, String> expected = new TreeMap<>();
    ArgoCdHealthChecks.scripts().forEach((kind, script) -> expected.put(KEY_PREFIX + kind, script));
    assertThat(expected).hasSameSizeAs(ArgoCdHealthTest.crdKinds());
    assertThat(configMap.getData()).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(configMap.getData().keySet()).allSatisfy(key -> assertThat(key).matches("[-._a-zA-Z0-9]{1,253}"));
    assertThat(configMap.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "trust-fabric")
        .containsEntry("app.kubernetes.io/instance", TrustFabricChart.RELEASE);
  }

  @Test
  void theConfigMapCanBePlacedInArgoCdsNamespace() {
    RenderedChart chart = TrustFabricChart.render(Map.of("argocd.healthChecks.enabled", true,
        "argocd.healthChecks.namespace", "argocd"));

    assertThat(chart.named(ConfigMap.class, CONFIG_MAP, "argocd").getData()).hasSize(ArgoCdHealthChecks.scripts().size());
  }

  /**
   * docs/gitops.md's command for the Argo CD Helm chart, run as written (sh and sed) on what
   * {@code helm template --show-only templates/argocd-health.yaml} prints, gives configs.cm equal to the ConfigMap.
   */
  @Test
  void theDocumentedCommandTurnsTheConfigMapIntoArgoCdHelmChartValues(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh to run the documented command with");
    RenderedChart chart = TrustFabricChart.render(ENABLED);
    ConfigMap configMap = chart.named(ConfigMap.class, CONFIG_MAP, NAMESPACE);
    String showOnly = "---\n" + Arrays.stream(chart.manifest().split("(?m)^---\\s*$"))
        .filter(document -> document.contains("# Source: trust-fabric/templates/argocd-health.yaml"))
        .findFirst().orElseThrow().strip() + "\n";
    Files.writeString(dir.resolve("rendered.yaml"), showOnly);

    String documented = documentedCommand();
    assertThat(documented).contains(HELM_SHOW_ONLY);
    String command = documented.replace(HELM_SHOW_ONLY, "cat rendered.yaml").lines()
        .filter(line -> !line.startsWith("helm upgrade"))
        .collect(Collectors.joining("\n"));
    Process process = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile())
        .redirectErrorStream(true).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("exit code of:\n%s\n%s", command,
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

    Map<String, Object> values = TrustFabricChart.readYaml(dir.resolve("argocd-values-trust-fabric.yaml"));
    assertThat(values).containsOnlyKeys("configs");
    assertThat(values.get("configs")).isEqualTo(Map.of("cm", configMap.getData()));
  }

  /**
   * docs/gitops.md's kubectl patch, run as written (sh, the real kubectl and API server) with the chart's ConfigMap
   * in place: argocd-cm gains exactly the health check keys and keeps its own settings.
   */
  @Test
  @RealKubernetes
  void theDocumentedPatchMergesTheKeysIntoArgocdCm(TestCluster cluster) throws Exception {
    String namespace = cluster.createNamespace("argocd");
    KubernetesClient admin = cluster.admin();
    admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("argocd-cm")
        .endMetadata().addToData("url", "https://argocd.example.com")
        .addToData("resource.customizations.health.example.com_Widget", "hs = {}\nhs.status = \"Healthy\"\nreturn hs\n")
        .build()).create();
    ConfigMap health = TrustFabricChart.render(Map.of("argocd.healthChecks.enabled", true,
        "argocd.healthChecks.namespace", namespace)).named(ConfigMap.class, CONFIG_MAP, namespace);
    admin.configMaps().inNamespace(namespace).resource(health).create();

    Matcher documented = Pattern.compile("kubectl -n argocd patch configmap argocd-cm[^\n]*\\\n[^\n]*")
        .matcher(Files.readString(ArgoCdHealthTest.repository().resolve("docs").resolve("gitops.md")));
    assertThat(documented.find()).as("docs/gitops.md has the kubectl patch command").isTrue();
    String kubectl = "'" + cluster.controlPlane().binaries().kubectl() + "' --kubeconfig='" + cluster.kubeconfig() + "'";
    String command = documented.group().replace("kubectl ", kubectl + " ").replace("-n argocd ", "-n " + namespace + " ");
    CommandResult patch = CommandResult.run(List.of("/bin/sh", "-c", command), Duration.ofSeconds(60));
    assertThat(patch.exitCode()).as("%s\n%s", command, patch.output()).isZero();

    Map<String, String> merged = admin.configMaps().inNamespace(namespace).withName("argocd-cm").get().getData();
    assertThat(merged).containsAllEntriesOf(health.getData())
        .containsEntry("url", "https://argocd.example.com")
        .containsKey("resource.customizations.health.example.com_Widget")
        .hasSize(health.getData().size() + 2);
  }

  /** The sh block of docs/gitops.md that writes argocd-values-trust-fabric.yaml. */
  private static String documentedCommand() throws Exception {
    String docs = Files.readString(ArgoCdHealthTest.repository().resolve("docs").resolve("gitops.md"));
    Matcher block = Pattern.compile("```sh\n(\\{ echo 'configs:'.*?)\n```", Pattern.DOTALL).matcher(docs);
    assertThat(block.find()).as("docs/gitops.md has the configs.cm command").isTrue();
    return block.group(1);
  }
}
