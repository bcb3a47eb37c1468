package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class LocalDeploymentsTest {

    private static final String WORKER_JSON = """
            {"schemaVersion":1,"tenant":{"namespace":"trust","name":"acme"},"http":{"port":8080},
             "dataset":{"path":"/var/run/trustfabric/dataset/items","format":"lines"},
             "key":{"seedPath":"/var/run/trustfabric/key/seed","epoch":1}}
            """;

    @TempDir
    Path work;

    private MockApiServer server;
    private KubernetesClient client;
    private LocalDeployments deployments;
    private final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = MockApiServer.start(0);
        client = server.client();
        deployments = new LocalDeployments(client, work,
                (deployment, dir) -> WorkerLaunch.prepare(client, deployment, dir, StandInWorker.class.getName()),
                events::add);
        client.configMaps().inNamespace("trust").resource(new ConfigMapBuilder().withNewMetadata().withName("acme-psi-config")
                .endMetadata().withData(Map.of("worker.json", WORKER_JSON)).build()).create();
        client.configMaps().inNamespace("trust").resource(new ConfigMapBuilder().withNewMetadata().withName("acme-customers")
                .endMetadata().withData(Map.of("emails.txt", "a\nb\nc\n")).build()).create();
        client.secrets().inNamespace("trust").resource(new SecretBuilder().withNewMetadata().withName("acme-psi-key")
                .endMetadata().withData(Map.of("seed", Base64.getEncoder().encodeToString(new byte[32]))).build()).create();
    }

    @AfterEach
    void stop() {
        deployments.close();
        server.close();
    }

    @Test
    void runsEachReplicaAsAProcessAndReportsItInTheDeploymentStatus() throws Exception {
        client.apps().deployments().inNamespace("trust").resource(workerDeployment(1, "1")).create();
        awaitReady(1);

        Deployment deployment = deployment();
        assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(1);
        assertThat(deployment.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Available")
                && c.getStatus().equals("True"));
        LocalWorkerProcess process = deployments.replicas().get(0).processes().get(0);
        assertThat(get(process.endpoint() + "/readyz")).isEqualTo("ready 3 items");
        assertThat(process.podName()).startsWith("acme-psi-");
    }

    @Test
    void zeroCountsTheRealApiServerOmitsCountAsUnchangedSoTheStatusIsNotRewrittenEveryTick() {
        var written = new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withObservedGeneration(1L)
                .withReplicas(1).withReadyReplicas(0).withAvailableReplicas(0).addNewCondition().withType("Available")
                .withStatus("False").withMessage("0/1 local worker processes ready").endCondition().build();
        var readBack = new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder(written)
                .withReadyReplicas(null).withAvailableReplicas(null).build();

        assertThat(LocalDeployments.sameCounts(readBack, written)).isTrue();
        assertThat(LocalDeployments.sameCounts(readBack, new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder(
                written).withReadyReplicas(1).build())).isFalse();
    }

    @Test
    void followsScalingTemplateChangesCrashesAndDeletion() {
        client.apps().deployments().inNamespace("trust").resource(workerDeployment(1, "1")).create();
        awaitReady(1);
        long firstPid = deployments.replicas().get(0).processes().get(0).pid();

        client.apps().deployments().inNamespace("trust").withName("acme-psi").edit(d -> {
            d.getSpec().setReplicas(2);
            return d;
        });
        awaitReady(2);
        List<LocalWorkerProcess> two = deployments.replicas().get(0).processes();
        assertThat(two).extracting(LocalWorkerProcess::endpoint).doesNotHaveDuplicates();
        assertThat(two).extracting(LocalWorkerProcess::pid).contains(firstPid);

        client.apps().deployments().inNamespace("trust").resource(workerDeployment(2, "2")).update();
        awaitReady(2);
        assertThat(deployments.replicas().get(0).processes()).extracting(LocalWorkerProcess::pid)
                .as("a new config hash restarts every replica").doesNotContain(firstPid);
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        LocalWorkerProcess victim = deployments.replicas().get(0).processes().get(0);
        victim.handle().destroyForcibly();
        await(() -> {
            deployments.reconcileAll();
            return deployments.replicas().get(0).processes().stream().noneMatch(p -> p.pid() == victim.pid())
                    && deployments.replicas().get(0).problem().orElse("").contains("restarts: 1");
        });
        awaitReady(2);

        List<ProcessHandle> before = deployments.liveProcesses();
        client.apps().deployments().inNamespace("trust").withName("acme-psi").delete();
        await(() -> {
            deployments.reconcileAll();
            return deployments.replicas().isEmpty();
        });
        assertThat(before).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aWorkerThatDiesIsRestartedOnTheSamePortAndSaysSo() throws Exception {
        client.apps().deployments().inNamespace("trust").resource(workerDeployment(1, "1")).create();
        awaitReady(1);
        LocalWorkerProcess victim = deployments.replicas().get(0).processes().get(0);
        String endpoint = victim.endpoint();

        victim.handle().destroyForcibly();
        await(() -> {
            deployments.reconcileAll();
            List<LocalWorkerProcess> now = deployments.replicas().get(0).processes();
            return now.size() == 1 && now.get(0).pid() != victim.pid() && now.get(0).isReady();
        });

        LocalWorkerProcess restarted = deployments.replicas().get(0).processes().get(0);
        assertThat(restarted.endpoint()).as("the printed endpoint keeps working").isEqualTo(endpoint);
        assertThat(restarted.podName()).as("a container restart keeps its pod").isEqualTo(victim.podName());
        assertThat(get(endpoint + "/readyz")).isEqualTo("ready 3 items");
        assertThat(events).anyMatch(e -> e.equals("worker trust/" + victim.podName() + " exited (code 137); "
                + "restarted on the same port " + endpoint.substring("http://".length())));
    }

    @Test
    void aWorkerWhosePortWasTakenMeanwhileIsRestartedElsewhereLoudly() throws Exception {
        client.apps().deployments().inNamespace("trust").resource(workerDeployment(1, "1")).create();
        awaitReady(1);
        LocalWorkerProcess victim = deployments.replicas().get(0).processes().get(0);
        int port = Integer.parseInt(victim.endpoint().substring(victim.endpoint().lastIndexOf(':') + 1));

        victim.handle().destroyForcibly();
        victim.handle().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        try (var squatter = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            await(() -> {
                deployments.reconcileAll();
                List<LocalWorkerProcess> now = deployments.replicas().get(0).processes();
                return now.size() == 1 && now.get(0).pid() != victim.pid() && now.get(0).isReady();
            });
        }
        LocalWorkerProcess restarted = deployments.replicas().get(0).processes().get(0);
        assertThat(restarted.endpoint()).isNotEqualTo(victim.endpoint());
        assertThat(events).anyMatch(e -> e.startsWith("worker trust/" + victim.podName() + " exited (code 137); "
                + "its port 127.0.0.1:" + port + " is taken by another program: restarted on "
                + restarted.endpoint().substring("http://".length())));
    }

    @Test
    void reportsAMissingConfigMapAndStartsNothing() {
        client.configMaps().inNamespace("trust").withName("acme-psi-config").delete();
        client.apps().deployments().inNamespace("trust").resource(workerDeployment(1, "1")).create();
        await(() -> {
            deployments.reconcileAll();
            Deployment d = deployment();
            return d.getStatus() != null && d.getStatus().getConditions() != null;
        });
        Deployment d = deployment();
        assertThat(d.getStatus().getReadyReplicas()).isZero();
        assertThat(d.getStatus().getConditions().get(0).getStatus()).isEqualTo("False");
        assertThat(d.getStatus().getConditions().get(0).getMessage())
                .contains("ConfigMap trust/acme-psi-config").contains("not found");
        assertThat(deployments.liveProcesses()).isEmpty();
    }

    @Test
    void closeStopsEveryProcess() {
        client.apps().deployments().inNamespace("trust").resource(workerDeployment(2, "1")).create();
        awaitReady(2);
        List<ProcessHandle> running = deployments.liveProcesses();
        assertThat(running).hasSize(2);
        deployments.close();
        assertThat(running).noneMatch(ProcessHandle::isAlive);
    }

    private void awaitReady(int replicas) {
        await(() -> {
            deployments.reconcileAll();
            Deployment d = deployment();
            return d.getStatus() != null && Integer.valueOf(replicas).equals(d.getStatus().getReadyReplicas())
                    && deployments.replicas().get(0).processes().size() == replicas;
        });
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace("trust").withName("acme-psi").get();
    }

    private static void await(BooleanSupplier condition) {
        for (int i = 0; i < 600; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        throw new AssertionError("condition not reached");
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static Deployment workerDeployment(int replicas, String configHash) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("acme-psi").withNamespace("trust")
                .addToLabels("app.kubernetes.io/component", "psi-worker").endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", "acme-psi").endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", "acme-psi")
                .addToAnnotations("trustfabric.io/config-hash", configHash).endMetadata()
                .withNewSpec()
                .addNewContainer().withName("worker").withImage("trustfabric/psi-worker:dev")
                .withArgs("--config", "/etc/trustfabric/worker.json")
                .addNewEnv().withName("TF_POD").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv()
                .addNewVolumeMount().withName("config").withMountPath("/etc/trustfabric").endVolumeMount()
                .addNewVolumeMount().withName("dataset").withMountPath("/var/run/trustfabric/dataset").endVolumeMount()
                .addNewVolumeMount().withName("key").withMountPath("/var/run/trustfabric/key").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("config").withNewConfigMap().withName("acme-psi-config").endConfigMap().endVolume()
                .addNewVolume().withName("dataset").withNewConfigMap().withName("acme-customers")
                .addNewItem().withKey("emails.txt").withPath("items").endItem().endConfigMap().endVolume()
                .addNewVolume().withName("key").withNewSecret().withSecretName("acme-psi-key").endSecret().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }
}
