package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a worker Deployment of the operator (control token, allowlist, receipt key and log) becomes a local process. */
class WorkerLaunchTest {

    private static final String WORKER_JSON = """
            {"schemaVersion":1,"tenant":{"namespace":"trust","name":"acme"},"http":{"port":8080},
             "dataset":{"path":"/var/run/trustfabric/dataset/items","format":"lines"},
             "key":{"seedPath":"/var/run/trustfabric/key/seed","epoch":1},
             "control":{"url":"http://trust-fabric-control.trust-system.svc:8090",
                        "tokenPath":"/var/run/trustfabric/control/token"},
             "partners":{"path":"/var/run/trustfabric/partners/partners.json"},
             "policy":{"opaUrl":"http://127.0.0.1:8181","timeoutMillis":500}}
            """;
    private static final String OPA_YAML = """
            {"services":{"control-acme":{"url":"http://trust-fabric-control.trust-system.svc:8090/control/v1/namespaces/trust/tenants/acme",
               "credentials":{"bearer":{"token_path":"/var/run/trustfabric/control/token"}}}},
             "bundles":{"macros":{"service":"control-acme","resource":"policy/macros","signing":{"keyid":"trustfabric"}}},
             "keys":{"trustfabric":{"algorithm":"ES256","key":"PEM"}}}
            """;

    @TempDir
    Path dir;

    private MockApiServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = MockApiServer.start(0);
        client = server.client();
        configMap("acme-psi-config", Map.of("worker.json", WORKER_JSON, "opa.yaml", OPA_YAML));
        configMap("acme-customers", Map.of("emails.txt", "a\nb\n"));
        configMap("acme-psi-partners", Map.of("partners.json", "{\"partners\":[]}"));
        secret("acme-psi-key", Map.of("seed", "0123456789abcdef0123456789abcdef"));
        secret("acme-psi-worker-token", Map.of("token", "worker-token"));
        secret("acme-receipt-key", Map.of("private-key", "private", "public-key", "public", "key-id", "ed25519:1"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pointsTheWorkerAtTheLocalControlApiAndItsMountedFiles() throws Exception {
        WorkerLaunch launch = WorkerLaunch.prepare(client, deployment(true), dir, WorkerLaunch.WORKER_MAIN,
                Map.of("TF_CONTROL_URL", "http://127.0.0.1:41000"));
        Map<String, String> env = launch.processFor("acme-psi-abc-x1", 40000, dir.resolve("x1.log")).environment();

        assertThat(env).containsEntry("TF_CONTROL_URL", "http://127.0.0.1:41000")
                .containsEntry("TF_POD_NAME", "acme-psi-abc-x1").containsEntry("TF_HTTP_HOST", "127.0.0.1");
        assertThat(Files.readString(Path.of(env.get("TF_CONTROL_TOKEN_PATH")))).isEqualTo("worker-token");
        assertThat(Files.readString(Path.of(env.get("TF_PARTNERS_PATH")))).isEqualTo("{\"partners\":[]}");
        Path receiptKey = Path.of(env.get("TF_RECEIPT_KEY_PATH"));
        assertThat(Files.readString(receiptKey)).isEqualTo("private");
        assertThat(receiptKey.resolveSibling("key-id")).as("the worker reads the key id next to the key").exists();
        Path receiptLog = Path.of(env.get("TF_RECEIPT_LOG_PATH"));
        assertThat(receiptLog.getParent()).as("each replica's own emptyDir, created before start").isDirectory()
                .startsWith(dir).endsWith(Path.of("acme-psi-abc-x1"));
        Map<String, String> other = launch.processFor("acme-psi-abc-x2", 40001, dir.resolve("x2.log")).environment();
        assertThat(Path.of(other.get("TF_RECEIPT_LOG_PATH"))).isNotEqualTo(receiptLog);
    }

    @Test
    void aWhatIfShadowIsNeverToldTheControlApiSoItCannotLeaseBudget() {
        Deployment shadow = new DeploymentBuilder(deployment(true)).editMetadata()
                .addToLabels(io.trustfabric.operator.whatif.shadow.ShadowLabels.SHADOW_LABEL, "cand").endMetadata().build();
        Map<String, String> local = Map.of("TF_CONTROL_URL", "http://127.0.0.1:41000", "OTHER", "kept");

        assertThat(WorkerLaunch.withoutControlApiForShadows(shadow, local)).doesNotContainKey("TF_CONTROL_URL")
                .containsEntry("OTHER", "kept");
        assertThat(WorkerLaunch.withoutControlApiForShadows(deployment(true), local))
                .containsEntry("TF_CONTROL_URL", "http://127.0.0.1:41000");
    }

    @Test
    void theCommandLineStaysShortSoTheWorkerIsRecognisedByItsMainClassAndConfig() {
        WorkerLaunch launch = WorkerLaunch.prepare(client, deployment(true), dir, WorkerLaunch.WORKER_MAIN, Map.of());
        ProcessBuilder process = launch.processFor("acme-psi-abc-x1", 40000, dir.resolve("x1.log"));

        String commandLine = String.join(" ", process.command());
        assertThat(commandLine).as("ProcessHandle.Info shows only the first 4 KB of a command line").hasSizeLessThan(4096)
                .contains(WorkerLaunch.WORKER_MAIN).contains("--config " + launch.configFile())
                .doesNotContain(" -cp ");
        assertThat(process.environment().get("CLASSPATH")).isEqualTo(WorkerClasspath.build());
    }

    @Test
    void aTemplateWithoutControlMountsStillStartsButGetsNoTokenPath() {
        WorkerLaunch launch = WorkerLaunch.prepare(client, deployment(false), dir, WorkerLaunch.WORKER_MAIN, Map.of());
        Map<String, String> env = launch.processFor("acme-psi-abc-x1", 40000, dir.resolve("x1.log")).environment();
        assertThat(env).doesNotContainKeys("TF_CONTROL_TOKEN_PATH", "TF_RECEIPT_KEY_PATH", "TF_CONTROL_URL");
        assertThat(env).containsKey("TF_DATASET_PATH");
    }

    @Test
    void runsThePodsOpaLocallyWithTheLocalTokenAndControlApiAndTellsEachReplicaItsPort() throws Exception {
        LocalOpa opa = new LocalOpa(LocalOpaTest.fakeOpa(dir.resolve("bin"), "1.22.4"), "1.22.4", "test");
        WorkerLaunch launch = WorkerLaunch.prepare(client, withOpaSidecar(deployment(true)), dir,
                WorkerLaunch.WORKER_MAIN, Map.of("TF_CONTROL_URL", "http://127.0.0.1:41000"), Optional.of(opa));

        assertThat(launch.policyUnavailable()).isFalse();
        OpaLaunch opaLaunch = launch.opa().orElseThrow();
        var config = new ObjectMapper().readTree(Files.readString(opaLaunch.configFile()));
        var service = config.path("services").path("control-acme");
        assertThat(service.path("url").asText()).isEqualTo("http://127.0.0.1:41000/control/v1/namespaces/trust/tenants/acme");
        Path token = Path.of(service.path("credentials").path("bearer").path("token_path").asText());
        assertThat(token).startsWith(dir);
        assertThat(Files.readString(token)).isEqualTo("worker-token");
        assertThat(config.path("keys").path("trustfabric").path("key").asText()).isEqualTo("PEM");
        assertThat(opaLaunch.command(40100)).startsWith(opa.binary().toString(), "run", "--server",
                "--addr=127.0.0.1:40100").contains("--config-file=" + opaLaunch.configFile(), "--log-level=info")
                .noneMatch(a -> a.startsWith("--diagnostic-addr") || a.contains("/etc/trustfabric/opa"));

        var workerJson = new ObjectMapper().readTree(Files.readString(launch.configFile()));
        assertThat(workerJson.path("policy").has("opaUrl")).as("the pod's 127.0.0.1:8181 is nobody's here").isFalse();
        assertThat(workerJson.path("policy").path("timeoutMillis").asInt()).isEqualTo(500);
        assertThat(launch.processFor("acme-psi-abc-x1", 40000, dir.resolve("x1.log"), "http://127.0.0.1:40100")
                .environment()).containsEntry("TF_OPA_URL", "http://127.0.0.1:40100");
    }

    @Test
    void withoutOpaTheWorkerGetsNoEngineAndThePolicyIsUnavailable() throws Exception {
        WorkerLaunch launch = WorkerLaunch.prepare(client, withOpaSidecar(deployment(true)), dir,
                WorkerLaunch.WORKER_MAIN, Map.of(), Optional.empty());

        assertThat(launch.opa()).isEmpty();
        assertThat(launch.policyUnavailable()).isTrue();
        assertThat(new ObjectMapper().readTree(Files.readString(launch.configFile())).path("policy").has("opaUrl"))
                .isFalse();
        assertThat(launch.processFor("acme-psi-abc-x1", 40000, dir.resolve("x1.log")).environment())
                .doesNotContainKey("TF_OPA_URL");
    }

    /** The operator's OPA sidecar in miniature: its config from the ConfigMap, the worker token beside it. */
    private static Deployment withOpaSidecar(Deployment deployment) {
        var pod = deployment.getSpec().getTemplate().getSpec();
        pod.getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("opa-config")
                .withNewConfigMap().withName("acme-psi-config").addNewItem().withKey("opa.yaml").withPath("opa.yaml")
                .endItem().endConfigMap().build());
        pod.getContainers().add(new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("opa")
                .withArgs("run", "--server", "--addr=127.0.0.1:8181", "--diagnostic-addr=0.0.0.0:8282",
                        "--config-file=/etc/trustfabric/opa/opa.yaml", "--disable-telemetry", "--log-format=json",
                        "--log-level=info")
                .addNewVolumeMount().withName("opa-config").withMountPath("/etc/trustfabric/opa").endVolumeMount()
                .addNewVolumeMount().withName("token").withMountPath("/var/run/trustfabric/control").endVolumeMount()
                .build());
        return deployment;
    }

    private void configMap(String name, Map<String, String> data) {
        client.configMaps().inNamespace("trust").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().withData(data).build()).create();
    }

    private void secret(String name, Map<String, String> data) {
        Map<String, String> encoded = new java.util.HashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        client.secrets().inNamespace("trust").resource(new SecretBuilder().withNewMetadata().withName(name)
                .endMetadata().withData(encoded).build()).create();
    }

    /** The operator's pod template in miniature; withControl false is a template from before issues 4 and 5. */
    private static Deployment deployment(boolean withControl) {
        var container = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("psi-worker")
                .withArgs("--config", "/etc/trustfabric/worker.json")
                .addNewVolumeMount().withName("config").withMountPath("/etc/trustfabric").endVolumeMount()
                .addNewVolumeMount().withName("dataset").withMountPath("/var/run/trustfabric/dataset").endVolumeMount()
                .addNewVolumeMount().withName("key").withMountPath("/var/run/trustfabric/key").endVolumeMount();
        var pod = new io.fabric8.kubernetes.api.model.PodSpecBuilder()
                .addNewVolume().withName("config").withNewConfigMap().withName("acme-psi-config").endConfigMap().endVolume()
                .addNewVolume().withName("dataset").withNewConfigMap().withName("acme-customers")
                .addNewItem().withKey("emails.txt").withPath("items").endItem().endConfigMap().endVolume()
                .addNewVolume().withName("key").withNewSecret().withSecretName("acme-psi-key").endSecret().endVolume();
        if (withControl) {
            container.addNewVolumeMount().withName("token").withMountPath("/var/run/trustfabric/control").endVolumeMount()
                    .addNewVolumeMount().withName("partners").withMountPath("/var/run/trustfabric/partners").endVolumeMount()
                    .addNewVolumeMount().withName("receipt-key").withMountPath("/var/run/trustfabric/receipt-key")
                    .endVolumeMount()
                    .addNewVolumeMount().withName("receipt-log").withMountPath("/var/lib/trustfabric/receipts")
                    .endVolumeMount();
            pod.addNewVolume().withName("token").withNewSecret().withSecretName("acme-psi-worker-token").endSecret()
                    .endVolume()
                    .addNewVolume().withName("partners").withNewConfigMap().withName("acme-psi-partners").endConfigMap()
                    .endVolume()
                    .addNewVolume().withName("receipt-key").withNewSecret().withSecretName("acme-receipt-key").endSecret()
                    .endVolume()
                    .addNewVolume().withName("receipt-log").withNewEmptyDir().endEmptyDir().endVolume();
        }
        return new DeploymentBuilder().withNewMetadata().withName("acme-psi").withNamespace("trust").endMetadata()
                .withNewSpec().withNewTemplate().withSpec(pod.addToContainers(container.build()).build()).endTemplate()
                .endSpec().build();
    }
}
