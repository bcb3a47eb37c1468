package io.trustfabric.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorDeploymentTest {

  @Test
  void defaultsRunOneReplicaOfTheOperatorImageAtTheChartsAppVersion() {
    Deployment deployment = TrustFabricChart.render().one(Deployment.class);

    assertThat(deployment.getMetadata().getNamespace()).isEqualTo(TrustFabricChart.NAMESPACE);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(operatorContainer(deployment).getImage())
        .isEqualTo("ghcr.io/trustfabric/operator:" + TrustFabricChart.appVersion());
  }

  @Test
  void environmentFollowsTheOperatorProcessContract() {
    Map<String, EnvVar> env = environment(TrustFabricChart.render().one(Deployment.class));

    assertThat(env.keySet()).contains("TF_WORKER_IMAGE", "TF_WATCH_NAMESPACES", "TF_LEADER_ELECTION",
        "TF_LEADER_ELECTION_NAMESPACE", "TF_LOG_FORMAT", "TF_HTTP_PORT");
    assertThat(env.get("TF_WORKER_IMAGE").getValue())
        .isEqualTo("ghcr.io/trustfabric/psi-worker:" + TrustFabricChart.appVersion());
    assertThat(env.get("TF_WATCH_NAMESPACES").getValue()).isEmpty();
    assertThat(env.get("TF_LEADER_ELECTION").getValue()).isEqualTo("true");
    assertThat(env.get("TF_LEADER_ELECTION_NAMESPACE").getValue()).isNull();
    assertThat(env.get("TF_LEADER_ELECTION_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.namespace");
    assertThat(env.get("TF_LOG_FORMAT").getValue()).isEqualTo("json");
    assertThat(env.get("TF_HTTP_PORT").getValue()).isEqualTo("8081");
    assertThat(env.get("TF_CONTROL_PORT").getValue()).isEqualTo("8090");
    assertThat(env.get("TF_CONTROL_URL").getValue()).isEqualTo("http://trust-fabric-control.trust-system.svc:8090");
  }

  @Test
  void theControlApiHasItsOwnPortAndServiceForWorkerPods() {
    RenderedChart chart = TrustFabricChart.render();
    Deployment deployment = chart.one(Deployment.class);
    io.fabric8.kubernetes.api.model.Service control =
        chart.named(io.fabric8.kubernetes.api.model.Service.class, "trust-fabric-control", TrustFabricChart.NAMESPACE);

    assertThat(operatorContainer(deployment).getPorts()).filteredOn(port -> port.getName().equals("control"))
        .singleElement().satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(8090));
    assertThat(control.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getPort()).isEqualTo(8090);
      assertThat(port.getTargetPort().getStrVal()).isEqualTo("control");
    });
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(control.getSpec().getSelector());
  }

  @Test
  void theControlUrlFollowsTheReleaseName() {
    Map<String, EnvVar> env = environment(TrustFabricChart.render(Map.of("fullnameOverride", "tf"))
        .one(Deployment.class));
    assertThat(env.get("TF_CONTROL_URL").getValue()).isEqualTo("http://tf-control.trust-system.svc:8090");
  }

  @Test
  void valuesReachTheEnvironment() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("watchNamespaces[0]", "tenants-a");
    values.put("watchNamespaces[1]", "tenants-b");
    values.put("logFormat", "text");
    values.put("workerImage.repository", "registry.example.com/psi-worker");
    values.put("workerImage.tag", "1.2.3");
    values.put("leaderElection.enabled", false);

    Map<String, EnvVar> env = environment(TrustFabricChart.render(values).one(Deployment.class));

    assertThat(env.get("TF_WATCH_NAMESPACES").getValue()).isEqualTo("tenants-a,tenants-b");
    assertThat(env.get("TF_LOG_FORMAT").getValue()).isEqualTo("text");
    assertThat(env.get("TF_WORKER_IMAGE").getValue()).isEqualTo("registry.example.com/psi-worker:1.2.3");
    assertThat(env.get("TF_LEADER_ELECTION").getValue()).isEqualTo("false");
  }

  @Test
  void imageDigestWinsOverTheTag() {
    String digest = "sha256:" + "ab".repeat(32);
    Deployment deployment = TrustFabricChart.render(Map.of("image.tag", "9.9.9", "image.digest", digest))
        .one(Deployment.class);

    assertThat(operatorContainer(deployment).getImage()).isEqualTo("ghcr.io/trustfabric/operator@" + digest);
  }

  @Test
  void twoReplicasKeepLeaderElectionOn() {
    Deployment deployment = TrustFabricChart.render(Map.of("replicas", 2)).one(Deployment.class);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(environment(deployment).get("TF_LEADER_ELECTION").getValue()).isEqualTo("true");
  }

  @Test
  void severalReplicasGetADisruptionBudgetThatKeepsOneRunning() {
    RenderedChart single = TrustFabricChart.render();
    RenderedChart pair = TrustFabricChart.render(Map.of("replicas", 2));

    assertThat(single.all(PodDisruptionBudget.class)).isEmpty();
    PodDisruptionBudget budget = pair.one(PodDisruptionBudget.class);
    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .isEqualTo(pair.one(Deployment.class).getSpec().getSelector().getMatchLabels());
  }

  @Test
  void severalReplicasWithoutLeaderElectionAreRefused() {
    String error = TrustFabricChart.renderError(Map.of("replicas", 2, "leaderElection.enabled", false));

    assertThat(error).contains("replicas > 1 needs leaderElection.enabled=true");
  }

  @Test
  void podAndContainerAreLockedDown() {
    Deployment deployment = TrustFabricChart.render().one(Deployment.class);
    PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
    SecurityContext container = operatorContainer(deployment).getSecurityContext();

    assertThat(pod.getRunAsNonRoot()).isTrue();
    assertThat(pod.getRunAsUser()).isPositive();
    assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getRunAsNonRoot()).isTrue();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void readOnlyRootFilesystemStillGivesTheJvmAWritableTmp() {
    Deployment deployment = TrustFabricChart.render().one(Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();

    assertThat(operatorContainer(deployment).getVolumeMounts())
        .anySatisfy(mount -> {
          assertThat(mount.getMountPath()).isEqualTo("/tmp");
          assertThat(pod.getVolumes()).anySatisfy(volume -> {
            assertThat(volume.getName()).isEqualTo(mount.getName());
            assertThat(volume.getEmptyDir()).isNotNull();
          });
        });
  }

  @Test
  void runAsUserNullLetsThePlatformChooseButStaysNonRoot() {
    Deployment deployment = TrustFabricChart.render(Map.of("runAsUser", "null")).one(Deployment.class);
    PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();

    assertThat(pod.getRunAsUser()).isNull();
    assertThat(pod.getRunAsNonRoot()).isTrue();
  }

  @Test
  void probesHitHealthzAndReadyzOnTheHttpPort() {
    Container container = operatorContainer(TrustFabricChart.render().one(Deployment.class));
    Probe liveness = container.getLivenessProbe();
    Probe readiness = container.getReadinessProbe();

    assertThat(container.getPorts()).filteredOn(port -> port.getName().equals("http")).singleElement()
        .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(8081));
    assertThat(liveness.getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(liveness.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(readiness.getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(readiness.getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  @Test
  void runsAsTheChartsServiceAccount() {
    RenderedChart chart = TrustFabricChart.render();

    assertThat(chart.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(chart.one(ServiceAccount.class).getMetadata().getName());
  }

  @Test
  void anExistingServiceAccountCanBeUsed() {
    RenderedChart chart = TrustFabricChart.render(Map.of("serviceAccount.create", false,
        "serviceAccount.name", "platform-operator"));

    assertThat(chart.all(ServiceAccount.class)).isEmpty();
    assertThat(chart.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("platform-operator");
  }

  @Test
  void schedulingAndPodMetadataValuesPassThrough() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("nodeSelector.kubernetes\\.io/os", "linux");
    values.put("tolerations[0].key", "dedicated");
    values.put("tolerations[0].operator", "Equal");
    values.put("tolerations[0].value", "operators");
    values.put("tolerations[0].effect", "NoSchedule");
    values.put("podAnnotations.example\\.com/team", "platform");
    values.put("resources.limits.memory", "1Gi");

    Deployment deployment = TrustFabricChart.render(values).one(Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();

    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
      assertThat(t.getKey()).isEqualTo("dedicated");
      assertThat(t.getEffect()).isEqualTo("NoSchedule");
    });
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("example.com/team", "platform");
    assertThat(operatorContainer(deployment).getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
  }

  @Test
  void selectorMatchesThePodTemplate() {
    Deployment deployment = TrustFabricChart.render(Map.of("podLabels.team", "platform")).one(Deployment.class);

    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels())
        .containsEntry("team", "platform");
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).doesNotContainKey("team");
  }

  private static Container operatorContainer(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("operator"))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, EnvVar> environment(Deployment deployment) {
    return operatorContainer(deployment).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, Function.identity()));
  }
}
