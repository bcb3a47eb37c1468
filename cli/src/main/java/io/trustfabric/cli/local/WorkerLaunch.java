package io.trustfabric.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.operator.whatif.shadow.ShadowLabels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to run one replica of a worker Deployment as a local process: the same classpath as tfctl, the pod's mounted
 * files written to disk, the container's environment with paths translated, and TF_HTTP_PORT set to a free port.
 */
final class WorkerLaunch {

    static final String WORKER_MAIN = "io.trustfabric.worker.WorkerMain";
    static final String DEFAULT_CONFIG_PATH = "/etc/trustfabric/worker.json";
    /** The worker's defaults when worker.json has no receipts block (see docs/worker-config.md). */
    static final String DEFAULT_RECEIPT_KEY = "/var/run/trustfabric/receipt-key/private-key";
    static final String DEFAULT_RECEIPT_LOG = "/var/lib/trustfabric/receipts/receipts.log";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PodFiles files;
    private final Path configFile;
    private final Map<String, String> baseEnv;
    private final String mainClass;
    private OpaLaunch opa;
    private boolean policyUnavailable;

    private WorkerLaunch(PodFiles files, Path configFile, Map<String, String> baseEnv, String mainClass) {
        this.files = files;
        this.configFile = configFile;
        this.baseEnv = baseEnv;
        this.mainClass = mainClass;
    }

    /** True when the build put the worker jar into worker-lib (see {@link WorkerClasspath}). */
    static boolean workerAvailable() {
        return WorkerClasspath.workerJar().isPresent();
    }

    static WorkerLaunch prepare(KubernetesClient client, Deployment deployment, Path dir) {
        return prepare(client, deployment, dir, WORKER_MAIN);
    }

    /** As {@link #prepare(KubernetesClient, Deployment, Path)} with another main class (tests use a stand-in worker). */
    static WorkerLaunch prepare(KubernetesClient client, Deployment deployment, Path dir, String mainClass) {
        return prepare(client, deployment, dir, mainClass, Map.of());
    }

    /**
     * @param localEnv variables that replace the container's, for what differs on this machine (TF_CONTROL_URL: the
     *                 in-process operator's control API on loopback instead of its in-cluster Service)
     */
    static WorkerLaunch prepare(KubernetesClient client, Deployment deployment, Path dir, String mainClass,
                                Map<String, String> localEnv) {
        return prepare(client, deployment, dir, mainClass, localEnv, Optional.empty());
    }

    /**
     * @param opa the binary to run as the pod's {@code opa} container, one process per replica; empty: the worker
     *            runs without a policy engine (see {@link LocalOpa#WITHOUT_OPA})
     */
    static WorkerLaunch prepare(KubernetesClient client, Deployment deployment, Path dir, String mainClass,
                                Map<String, String> localEnv, Optional<LocalOpa> opa) {
        String namespace = deployment.getMetadata().getNamespace();
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container container = workerContainer(pod.getContainers());
        PodFiles files = PodFiles.materialise(client, namespace, pod, container, dir);
        String configPath = configPath(container);
        Path config = files.translate(configPath).filter(Files::isRegularFile).orElseThrow(() -> new LocalModeException(
                "worker configuration " + configPath + " is not mounted from a ConfigMap or Secret"));
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            resolve(client, namespace, var).ifPresent(value -> env.put(var.getName(), files.translate(value)
                    .map(Path::toString).orElse(value)));
        }
        env.putAll(withoutControlApiForShadows(deployment, localEnv));
        WorkerLaunch launch = new WorkerLaunch(files, config, env, mainClass);
        launch.pointFilesAtDisk();
        boolean hadEngine = launch.dropPodOpaUrl();
        Optional<Container> sidecar = pod.getContainers().stream()
                .filter(c -> OpaLaunch.CONTAINER.equals(c.getName())).findFirst();
        if (sidecar.isPresent() && opa.isPresent()) {
            launch.opa = OpaLaunch.prepare(client, namespace, pod, sidecar.get(), dir, opa.get(),
                    localEnv.get("TF_CONTROL_URL"));
        } else {
            launch.policyUnavailable = sidecar.isPresent() || hadEngine;
        }
        return launch;
    }

    /**
     * A what-if shadow worker (docs/what-if-shadow-runs.md) is rendered without a control API so that it charges no
     * budget; local mode must not hand it one either, or the shadow would try to lease budget for its what-if partner.
     */
    static Map<String, String> withoutControlApiForShadows(Deployment deployment, Map<String, String> localEnv) {
        Map<String, String> labels = Optional.ofNullable(deployment.getMetadata().getLabels()).orElse(Map.of());
        if (!labels.containsKey(ShadowLabels.SHADOW_LABEL)) {
            return localEnv;
        }
        Map<String, String> env = new LinkedHashMap<>(localEnv);
        env.remove("TF_CONTROL_URL");
        return env;
    }

    /** The process for replica podName listening on port; its output goes to logFile. */
    ProcessBuilder processFor(String podName, int port, Path logFile) {
        return processFor(podName, port, logFile, null);
    }

    /** As {@link #processFor(String, int, Path)}, asking the OPA at opaUrl (null: no policy engine). */
    ProcessBuilder processFor(String podName, int port, Path logFile, String opaUrl) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:-UseCompressedOops",   // see docs/worker-api.md
                "--add-modules", "jdk.incubator.vector"));                              // the SIMD ladder
        command.addAll(List.of(mainClass, "--config", configFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("TF_"));
        // the classpath (often beyond 4 KB) goes in CLASSPATH, not -cp, to keep `ps` readable; orphans are found by
        // their pid files (OrphanedWorkers), never by the command line
        env.put("CLASSPATH", WorkerClasspath.build());
        env.putAll(baseEnv);
        env.replaceAll((k, v) -> v.replace(PodFiles.POD_NAME, podName));
        env.put("TF_WORKER_CONFIG", configFile.toString());
        env.put("TF_HTTP_PORT", Integer.toString(port));
        env.put("TF_HTTP_HOST", "127.0.0.1"); // local mode never listens beyond loopback
        env.put("POD_NAME", podName);
        env.put("TF_POD_NAME", podName); // the budget lease holder, as the Downward API would name it
        if (opaUrl != null) {
            env.put("TF_OPA_URL", opaUrl); // policy.opaUrl: this replica's own OPA
        }
        files.createEmptyDirs(podName);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        return builder;
    }

    Path configFile() {
        return configFile;
    }

    Map<String, String> environment() {
        return Map.copyOf(baseEnv);
    }

    /** How to run this Deployment's OPA next to each replica; empty when there is none to run. */
    Optional<OpaLaunch> opa() {
        return Optional.ofNullable(opa);
    }

    /** True when the pod has a policy engine on a cluster but none runs here (no opa binary). */
    boolean policyUnavailable() {
        return policyUnavailable;
    }

    /**
     * The pod's worker.json asks the sidecar at 127.0.0.1:8181, which on this machine is nobody's, or some other
     * program's: the local copy never names it. Each replica is told its own OPA's URL (TF_OPA_URL) instead, and
     * without one the worker applies its no-engine rule. Returns whether the pod's configuration had an engine.
     */
    private boolean dropPodOpaUrl() {
        try {
            JsonNode config = JSON.readTree(Files.readString(configFile, StandardCharsets.UTF_8));
            if (!(config.path("policy") instanceof com.fasterxml.jackson.databind.node.ObjectNode policy)
                    || !policy.has("opaUrl")) {
                return false;
            }
            policy.remove("opaUrl");
            Files.writeString(configFile, JSON.writeValueAsString(config) + "\n", StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            throw new LocalModeException("cannot rewrite worker configuration " + configFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Paths in worker.json (and the worker's defaults) are container paths; point the worker at their local copies.
     * The data set and key seed must be mounted; the control token, allowlist, receipt key and receipt log are
     * translated when the pod template mounts them (an older template without them simply does not get them).
     */
    private void pointFilesAtDisk() {
        JsonNode config;
        try {
            config = JSON.readTree(Files.readString(configFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LocalModeException("cannot read worker configuration " + configFile + ": " + e.getMessage(), e);
        }
        overridePath("TF_DATASET_PATH", config.path("dataset").path("path").asText(null), true);
        overridePath("TF_KEY_SEED_PATH", config.path("key").path("seedPath").asText(null), true);
        overridePath("TF_CONTROL_TOKEN_PATH", config.path("control").path("tokenPath").asText(null), false);
        overridePath("TF_PARTNERS_PATH", config.path("partners").path("path").asText(null), false);
        overridePath("TF_RECEIPT_KEY_PATH", config.path("receipts").path("keyPath").asText(DEFAULT_RECEIPT_KEY), false);
        overridePath("TF_RECEIPT_LOG_PATH", config.path("receipts").path("logPath").asText(DEFAULT_RECEIPT_LOG), false);
    }

    private void overridePath(String variable, String pathInConfig, boolean required) {
        String containerPath = baseEnv.getOrDefault(variable, pathInConfig);
        if (containerPath == null || Files.exists(Path.of(containerPath))) {
            return;
        }
        Optional<Path> local = files.translate(containerPath);
        if (local.isEmpty() && required) {
            throw new LocalModeException(variable + ": " + containerPath + " is not mounted from a ConfigMap or Secret");
        }
        local.ifPresent(path -> baseEnv.put(variable, path.toString()));
    }

    private static Container workerContainer(List<Container> containers) {
        return containers.stream().filter(c -> c.getName().contains("worker")).findFirst()
                .orElseGet(() -> containers.get(0));
    }

    private static String configPath(Container container) {
        List<String> args = new ArrayList<>(Optional.ofNullable(container.getCommand()).orElse(List.of()));
        args.addAll(Optional.ofNullable(container.getArgs()).orElse(List.of()));
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--config") && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (args.get(i).startsWith("--config=")) {
                return args.get(i).substring("--config=".length());
            }
        }
        return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                .filter(e -> "TF_WORKER_CONFIG".equals(e.getName()) && e.getValue() != null)
                .map(EnvVar::getValue).findFirst().orElse(DEFAULT_CONFIG_PATH);
    }

    private static Optional<String> resolve(KubernetesClient client, String namespace, EnvVar var) {
        if (var.getValueFrom() == null) {
            return Optional.ofNullable(var.getValue());
        }
        EnvVarSource from = var.getValueFrom();
        if (from.getConfigMapKeyRef() != null) {
            var cm = client.configMaps().inNamespace(namespace).withName(from.getConfigMapKeyRef().getName()).get();
            return Optional.ofNullable(cm).map(c -> c.getData()).map(d -> d.get(from.getConfigMapKeyRef().getKey()));
        }
        if (from.getSecretKeyRef() != null) {
            var secret = client.secrets().inNamespace(namespace).withName(from.getSecretKeyRef().getName()).get();
            return Optional.ofNullable(secret).map(s -> s.getData()).map(d -> d.get(from.getSecretKeyRef().getKey()))
                    .map(b64 -> new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8));
        }
        if (from.getFieldRef() != null) {
            return switch (from.getFieldRef().getFieldPath()) {
                case "metadata.name" -> Optional.of(PodFiles.POD_NAME);
                case "metadata.namespace" -> Optional.of(namespace);
                case "status.podIP", "status.hostIP" -> Optional.of("127.0.0.1");
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}
