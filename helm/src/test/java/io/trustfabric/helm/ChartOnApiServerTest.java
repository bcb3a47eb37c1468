package io.trustfabric.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart as a real kube-apiserver sees it (docs/helm.md, "What the build checks about the chart"). Each value set
 * is rendered with helm-java, the way {@code helm template} renders it, then sent to the test JVM's API server with
 * server-side apply: the chart's CRDs for real (and waited for until Established), every other object as a dry run
 * ({@code dryRun=All}), so the API server validates it completely (schema, defaulting, RBAC objects, the webhook
 * configuration and its matchConditions CEL) and stores nothing. The namespaces the objects live in are created
 * for real first, labelled {@code pod-security.kubernetes.io/warn: restricted}, so Pod Security admission checks the
 * Deployment's pod template against the "restricted" standard. A refusal fails the test with the API server's
 * message for the object; so does any warning the API server returns.
 *
 * <p>The Prometheus Operator's CRDs are not available to the offline build. Its three kinds are checked against
 * stand-in CRDs without a spec schema (src/test/resources/api-server/prometheus-operator-stand-in-crds.yaml): that
 * proves only that the objects are well-formed (apiVersion, kind, name, namespace, labels), not their spec.
 */
@RealKubernetes
class ChartOnApiServerTest {

  private static final String FIELD_MANAGER = "trust-fabric-chart-test";
  private static final Path VALUES = TrustFabricChart.directory().getParent().resolve("src/test/resources/api-server");
  private static final String STAND_IN_CRDS = "prometheus-operator-stand-in-crds.yaml";
  private static final String PROMETHEUS_OPERATOR_GROUP = "monitoring.coreos.com";
  /** Pod Security admission warns about pod templates (of Deployments too) that break the level. */
  private static final String POD_SECURITY_WARN = "pod-security.kubernetes.io/warn";

  /** A value set, and how many objects of each kind it must render (so a set that renders less fails). */
  record ValueSet(String name, List<String> valuesFiles, Map<String, Integer> kinds) {

    List<Path> files() {
      return valuesFiles.stream().map(VALUES::resolve).toList();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ValueSet> valueSets() {
    return Stream.of(
        new ValueSet("defaults", List.of(), kinds(
            "ClusterRole", 1, "ClusterRoleBinding", 1, "Deployment", 1, "Role", 1, "RoleBinding", 1,
            "Service", 3, "ServiceAccount", 1, "ValidatingWebhookConfiguration", 1)),
        new ValueSet("everything on", List.of("everything-on.yaml"), kinds(
            "ClusterRole", 1, "ClusterRoleBinding", 1, "ConfigMap", 2, "Deployment", 1, "PodDisruptionBudget", 1,
            "PodMonitor", 1, "PrometheusRule", 1, "Role", 1, "RoleBinding", 1, "Service", 3, "ServiceAccount", 1,
            "ServiceMonitor", 1, "ValidatingWebhookConfiguration", 1)),
        new ValueSet("everything on, watching two namespaces", List.of("everything-on.yaml", "watch-namespaces.yaml"),
            kinds(
                "ClusterRole", 1, "ClusterRoleBinding", 1, "ConfigMap", 2, "Deployment", 1, "PodDisruptionBudget", 1,
                "PodMonitor", 1, "PrometheusRule", 1, "Role", 3, "RoleBinding", 3, "Service", 3, "ServiceAccount", 1,
                "ServiceMonitor", 1, "ValidatingWebhookConfiguration", 1)),
        new ValueSet("everything off", List.of("everything-off.yaml"), kinds(
            "Deployment", 1, "Service", 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void everyObjectTheChartRendersIsAcceptedByTheApiServer(ValueSet values, TestCluster cluster) {
    RenderedChart chart = TrustFabricChart.render(values.files(), Map.of());
    assertThat(kinds(chart.objects())).as("objects rendered with the value set '%s'", values)
        .isEqualTo(new TreeMap<>(values.kinds()));
    List<HasMetadata> release = new ArrayList<>(chartCrds());
    release.addAll(chart.objects());

    Submission submission = submit(cluster, release);

    assertThat(submission.refused()).as("objects of the chart (%s) the API server refused", values).isEmpty();
    assertThat(submission.warnings()).as("warnings the API server returned for the chart (%s)", values).isEmpty();
    assertThat(submission.dryRun()).as("dry run: nothing of the chart is stored")
        .allSatisfy(object -> assertThat(cluster.admin().resource(object).get()).as(describe(object)).isNull());
    List<HasMetadata> standIns = submission.dryRun().stream().filter(ChartOnApiServerTest::prometheusOperator).toList();
    System.out.printf("[helm] chart (%s) on kube-apiserver %s: %d CRDs applied and Established; %d objects accepted by "
            + "a server-side dry run (%s)%s%n", values, cluster.admin().getKubernetesVersion().getGitVersion(),
        chartCrds().size(), submission.dryRun().size() - standIns.size(),
        kinds(submission.dryRun().stream().filter(o -> !prometheusOperator(o)).toList()).keySet(),
        standIns.isEmpty() ? "" : "; " + standIns.size() + " Prometheus Operator objects ("
            + kinds(standIns).keySet() + ") well-formed against stand-in CRDs, their spec not validated");
  }

  /** A value the chart's schema allows but the API server does not: reported with the API server's own message. */
  @Test
  void aPodLabelTheSchemaAllowsButKubernetesDoesNotIsRefusedWithTheApiServersMessage(TestCluster cluster) {
    RenderedChart chart = TrustFabricChart.render(List.of(), Map.of("podLabels.team", "platform team"));

    Submission submission = submit(cluster, chart.objects());

    assertThat(submission.refused()).singleElement().asString()
        .startsWith("Deployment trust-system/trust-fabric: HTTP 422 Deployment.apps \"trust-fabric\" is invalid: ")
        .contains("spec.template.labels: Invalid value: \"platform team\"");
  }

  /** A warning of the API server fails the check too: here for a node label Kubernetes deprecated. */
  @Test
  void aWarningOfTheApiServerIsReported(TestCluster cluster) {
    RenderedChart chart = TrustFabricChart.render(List.of(),
        Map.of("nodeSelector.beta\\.kubernetes\\.io/os", "linux"));

    Submission submission = submit(cluster, chart.objects());

    assertThat(submission.refused()).isEmpty();
    assertThat(submission.warnings()).singleElement().asString()
        .startsWith("Deployment trust-system/trust-fabric: ")
        .contains("spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated");
  }

  /**
   * The chart's namespaces are labelled to warn about pod templates that break the Pod Security Standard
   * "restricted", so a Deployment that breaks it fails the check: here one whose container may escalate privileges.
   */
  @Test
  void aDeploymentThatBreaksTheRestrictedPodSecurityStandardIsReported(TestCluster cluster) {
    List<HasMetadata> objects = new ArrayList<>(TrustFabricChart.render().objects());
    Deployment deployment = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .findFirst().orElseThrow();
    deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext()
        .setAllowPrivilegeEscalation(true);

    Submission submission = submit(cluster, objects);

    assertThat(submission.refused()).isEmpty();
    assertThat(submission.warnings()).singleElement().asString()
        .startsWith("Deployment trust-system/trust-fabric: would violate PodSecurity \"restricted:latest\": "
            + "allowPrivilegeEscalation != false");
  }

  /** The matchConditions are CEL the API server compiles: a broken expression is refused, naming the condition. */
  @Test
  void aWebhookMatchConditionThatIsNotCelIsRefused(TestCluster cluster) {
    List<HasMetadata> objects = new ArrayList<>(TrustFabricChart.render().objects());
    ValidatingWebhookConfiguration webhook = objects.stream().filter(ValidatingWebhookConfiguration.class::isInstance)
        .map(ValidatingWebhookConfiguration.class::cast).findFirst().orElseThrow();
    webhook.getWebhooks().get(1).getMatchConditions().get(0).setExpression("request.userInfo.username ==");

    Submission submission = submit(cluster, objects);

    assertThat(submission.refused()).singleElement().asString()
        .startsWith("ValidatingWebhookConfiguration trust-fabric: HTTP 422 ")
        .contains("webhooks[1].matchConditions[0].expression: Invalid value: \"request.userInfo.username ==\": "
            + "compilation failed");
  }

  /**
   * What the API server made of the objects: CRDs applied for real, the rest applied as a dry run.
   *
   * @param refused  "Kind namespace/name: HTTP code message" for each object the API server refused
   * @param warnings "Kind namespace/name: warning" for each warning it returned
   */
  record Submission(List<CustomResourceDefinition> crds, List<HasMetadata> dryRun, List<String> refused,
                    List<String> warnings) {
  }

  /**
   * Creates the objects' namespaces, applies the CRDs among them (and, when Prometheus Operator objects are among
   * them, the stand-in CRDs) and waits until they are Established, then applies every other object with a
   * server-side dry run.
   */
  static Submission submit(TestCluster cluster, List<HasMetadata> objects) {
    List<String> refused = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Set<String> namespaces = new LinkedHashSet<>(List.of(TrustFabricChart.NAMESPACE));
    objects.stream().map(o -> o.getMetadata().getNamespace()).filter(ns -> ns != null).forEach(namespaces::add);
    for (String namespace : namespaces) {
      cluster.admin().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
          .addToLabels(POD_SECURITY_WARN, "restricted").endMetadata().build()).fieldManager(FIELD_MANAGER)
          .serverSideApply();
    }

    List<CustomResourceDefinition> crds = new ArrayList<>(objects.stream()
        .filter(CustomResourceDefinition.class::isInstance).map(CustomResourceDefinition.class::cast).toList());
    if (objects.stream().anyMatch(ChartOnApiServerTest::prometheusOperator)) {
      crds.addAll(standInCrds());
    }
    for (CustomResourceDefinition crd : crds) {
      try {
        cluster.admin().resource(crd).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        cluster.admin().apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
            .waitUntilCondition(ChartOnApiServerTest::established, 60, TimeUnit.SECONDS);
      } catch (KubernetesClientException e) {
        refused.add(describe(crd) + ": " + serverMessage(e));
      }
    }

    WarningRecorder recorder = new WarningRecorder();
    List<HasMetadata> dryRun = objects.stream().filter(o -> !(o instanceof CustomResourceDefinition)).toList();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(cluster.admin().getConfiguration())
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("warnings", recorder)).build()) {
      for (HasMetadata object : dryRun) {
        recorder.warnings.clear();
        try {
          client.resource(object).dryRun().fieldManager(FIELD_MANAGER).serverSideApply();
        } catch (KubernetesClientException e) {
          refused.add(describe(object) + ": " + serverMessage(e));
        }
        recorder.warnings.forEach(warning -> warnings.add(describe(object) + ": " + warning));
      }
    }
    return new Submission(crds, dryRun, refused, warnings);
  }

  /**
   * The chart's crds/ folder: Helm installs these files as they are, before the templates, and {@code helm template}
   * leaves them out unless asked to include them.
   */
  static List<CustomResourceDefinition> chartCrds() {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    try (Stream<Path> files = Files.list(TrustFabricChart.directory().resolve("crds"))) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        crds.addAll(RenderedChart.parse(Files.readString(file)).all(CustomResourceDefinition.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(crds).as("CRDs in the chart's crds/").isNotEmpty();
    return crds;
  }

  private static boolean prometheusOperator(HasMetadata object) {
    return object.getApiVersion().startsWith(PROMETHEUS_OPERATOR_GROUP + "/");
  }

  private static List<CustomResourceDefinition> standInCrds() {
    try {
      return RenderedChart.parse(Files.readString(VALUES.resolve(STAND_IN_CRDS))).all(CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The API server's Status message (it names the field and the rule); the client's message if there is none. */
  private static String serverMessage(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return "HTTP " + e.getCode() + " " + e.getStatus().getMessage();
    }
    return e.getMessage();
  }

  private static String describe(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
  }

  private static Map<String, Integer> kinds(Object... kindsAndCounts) {
    Map<String, Integer> kinds = new TreeMap<>();
    for (int i = 0; i < kindsAndCounts.length; i += 2) {
      kinds.put((String) kindsAndCounts[i], (Integer) kindsAndCounts[i + 1]);
    }
    return kinds;
  }

  private static Map<String, Integer> kinds(List<? extends HasMetadata> objects) {
    return objects.stream().collect(Collectors.groupingBy(HasMetadata::getKind, TreeMap::new,
        Collectors.summingInt(o -> 1)));
  }

  /** Keeps the text of the Warning headers of the responses (Fabric8 does not expose them; kubectl prints them). */
  private static final class WarningRecorder implements Interceptor {
    /** The API server's form: {@code 299 - "text"}, with quotes and backslashes in the text escaped. */
    private static final Pattern WARNING = Pattern.compile("\\d{3} \\S+ \"(.*)\"");

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
      for (String header : response.headers("Warning")) {
        Matcher warning = WARNING.matcher(header);
        warnings.add(warning.matches() ? warning.group(1).replaceAll("\\\\(.)", "$1") : header);
      }
    }
  }
}
