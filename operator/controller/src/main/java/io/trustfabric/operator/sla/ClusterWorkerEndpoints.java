package io.trustfabric.operator.sla;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.operator.tenant.WorkerEndpoints;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Worker endpoints on a cluster: the pods matching the Deployment's selector (matchLabels) that are Ready and have an
 * IP, at their container port named {@code http}.
 */
public final class ClusterWorkerEndpoints implements WorkerEndpoints {

    static final String PORT_NAME = "http";

    private final KubernetesClient client;

    public ClusterWorkerEndpoints(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public List<URI> ready(String namespace, String deployment) {
        Deployment workers = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
        if (workers == null || workers.getSpec() == null || workers.getSpec().getSelector() == null) {
            return List.of();
        }
        Map<String, String> labels = workers.getSpec().getSelector().getMatchLabels();
        if (labels == null || labels.isEmpty()) {
            return List.of();
        }
        return client.pods().inNamespace(namespace).withLabels(labels).list().getItems().stream()
                .filter(ClusterWorkerEndpoints::ready)
                .map(ClusterWorkerEndpoints::endpoint)
                .flatMap(Optional::stream)
                .sorted()
                .toList();
    }

    static boolean ready(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getPodIP() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static Optional<URI> endpoint(Pod pod) {
        List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
        return containers.stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.<ContainerPort>empty() : c.getPorts().stream())
                .filter(p -> PORT_NAME.equals(p.getName()) && p.getContainerPort() != null)
                .findFirst()
                .map(p -> URI.create("http://" + host(Objects.requireNonNull(pod.getStatus().getPodIP())) + ":"
                        + p.getContainerPort()));
    }

    private static String host(String ip) {
        return ip.contains(":") ? "[" + ip + "]" : ip;
    }
}
