package io.trustfabric.cli.local;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's stand-in for the kubelet and the ReplicaSet controller: polls the worker Deployments, runs each replica
 * as a local worker process, and writes the Deployment's status (replicas, readyReplicas, availableReplicas) so the
 * operator sees its workers become available exactly as on a cluster.
 */
final class LocalDeployments implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDeployments.class);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final KubernetesClient client;
    private final Path workDir;
    private final LocalReplicas.LaunchPreparer preparer;
    private final Consumer<String> events;
    private final Map<String, LocalReplicas> byDeployment = new ConcurrentHashMap<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-deployments");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param workerEnv environment every local worker gets on top of its container's (e.g. TF_CONTROL_URL)
     * @param opa       the binary each replica's OPA runs; empty: workers run without a policy engine
     */
    LocalDeployments(KubernetesClient client, Path workDir, Map<String, String> workerEnv, Optional<LocalOpa> opa,
                     Consumer<String> events) {
        this(client, workDir, (deployment, dir) -> {
            if (!WorkerLaunch.workerAvailable()) {
                throw new LocalModeException("not running locally: no PSI worker jar in " + WorkerClasspath.workerLib()
                        + " (build with ./mvnw -pl cli -am package)");
            }
            return WorkerLaunch.prepare(client, deployment, dir, WorkerLaunch.WORKER_MAIN, workerEnv, opa);
        }, events);
    }

    /** @param events what happens to workers after start-up (a restart, a port lost), one line each, for the user */
    LocalDeployments(KubernetesClient client, Path workDir, LocalReplicas.LaunchPreparer preparer,
                     Consumer<String> events) {
        this.client = client;
        this.workDir = workDir;
        this.preparer = preparer;
        this.events = events;
    }

    void start(Duration every) {
        loop.scheduleWithFixedDelay(this::reconcileQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass over every worker Deployment. */
    synchronized void reconcileAll() {
        List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems().stream()
                .filter(LocalDeployments::isWorker).toList();
        Set<String> present = deployments.stream().map(LocalDeployments::key).collect(Collectors.toSet());
        byDeployment.keySet().stream().filter(k -> !present.contains(k)).toList()
                .forEach(gone -> byDeployment.remove(gone).stopAll());
        for (Deployment deployment : deployments) {
            LocalReplicas replicas = byDeployment.computeIfAbsent(key(deployment),
                    k -> new LocalReplicas(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName()));
            replicas.reconcile(deployment, templateHash(deployment), preparer, workDir, events);
            writeStatus(deployment, replicas);
        }
    }

    List<LocalReplicas> replicas() {
        return byDeployment.values().stream()
                .sorted((a, b) -> (a.namespace() + "/" + a.name()).compareTo(b.namespace() + "/" + b.name())).toList();
    }

    /** Every worker process started so far that is still alive (for shutdown checks). */
    List<ProcessHandle> liveProcesses() {
        return byDeployment.values().stream().flatMap(r -> r.processes().stream())
                .map(LocalWorkerProcess::handle).filter(ProcessHandle::isAlive).toList();
    }

    @Override
    public synchronized void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byDeployment.values().forEach(LocalReplicas::stopAll);
        byDeployment.clear();
    }

    static boolean isWorker(Deployment deployment) {
        Map<String, String> labels = Objects.requireNonNullElse(deployment.getMetadata().getLabels(), Map.of());
        String component = labels.getOrDefault("app.kubernetes.io/component", "");
        return component.contains("worker") || deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .anyMatch(c -> c.getName().contains("worker"));
    }

    private void reconcileQuietly() {
        try {
            reconcileAll();
        } catch (RuntimeException e) {
            LOG.warn("local mode: reconciling worker Deployments failed: {}", e.getMessage());
        }
    }

    private void writeStatus(Deployment deployment, LocalReplicas replicas) {
        int desired = LocalReplicas.desiredReplicas(deployment);
        int ready = replicas.ready();
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(replicas.running())
                .withUpdatedReplicas(replicas.running())
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withUnavailableReplicas(Math.max(0, desired - ready))
                .withConditions(available(deployment, desired, ready, replicas))
                .build();
        if (sameCounts(deployment.getStatus(), status)) {
            return;
        }
        try {
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                    .withName(deployment.getMetadata().getName()).editStatus(d -> {
                        d.setStatus(status);
                        return d;
                    });
        } catch (KubernetesClientException e) {
            LOG.debug("local mode: status of Deployment {} not written ({}); retrying", key(deployment), e.getMessage());
        }
    }

    private static DeploymentCondition available(Deployment deployment, int desired, int ready, LocalReplicas replicas) {
        boolean ok = ready >= desired;
        String previous = deployment.getStatus() == null || deployment.getStatus().getConditions() == null ? null
                : deployment.getStatus().getConditions().stream().filter(c -> "Available".equals(c.getType()))
                .filter(c -> c.getStatus().equals(ok ? "True" : "False")).map(DeploymentCondition::getLastTransitionTime)
                .findFirst().orElse(null);
        String now = Instant.now().toString();
        return new DeploymentConditionBuilder().withType("Available").withStatus(ok ? "True" : "False")
                .withReason(ok ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                .withMessage(replicas.problem().orElse(ready + "/" + desired + " local worker processes ready"))
                .withLastTransitionTime(previous == null ? now : previous).withLastUpdateTime(now).build();
    }

    /**
     * Whether the status read back already says what we would write. Counts compare with absent as 0: a real API
     * server drops zero counts (they are omitempty in the Deployment's Go type), so 0 written comes back as null.
     */
    static boolean sameCounts(DeploymentStatus old, DeploymentStatus now) {
        if (old == null) {
            return false;
        }
        return Objects.equals(old.getObservedGeneration(), now.getObservedGeneration())
                && count(old.getReplicas()) == count(now.getReplicas())
                && count(old.getReadyReplicas()) == count(now.getReadyReplicas())
                && count(old.getAvailableReplicas()) == count(now.getAvailableReplicas())
                && Objects.equals(conditionMessage(old), conditionMessage(now));
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static String conditionMessage(DeploymentStatus status) {
        return status.getConditions() == null ? null : status.getConditions().stream()
                .map(c -> c.getStatus() + c.getMessage()).collect(Collectors.joining());
    }

    static String templateHash(Deployment deployment) {
        try {
            byte[] json = SERIALIZATION.asJson(deployment.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(Deployment deployment) {
        return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
    }
}
