package io.trustfabric.operator.policy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.trustfabric.operator.tenant.dependent.WorkerDeploymentDependent;
import java.util.List;
import java.util.Map;

/**
 * The OPA container next to every PSI worker. Its decision API listens on loopback only (nothing outside the pod can
 * ask it or load policies into it); probes use OPA's separate diagnostic port, which serves only /health and
 * /metrics. Readiness is {@code /health?bundles}: the container is Ready once every configured bundle is activated.
 */
public final class OpaSidecar {

    public static final String CONTAINER = "opa";
    public static final int PORT = 8181;
    public static final int DIAGNOSTIC_PORT = 8282;
    public static final String LOCAL_URL = "http://127.0.0.1:" + PORT;
    public static final int DECISION_TIMEOUT_MILLIS = 500;
    /** Key of the OPA configuration in the workers' ConfigMap, and where the sidecar mounts it. */
    public static final String CONFIG_KEY = "opa.yaml";
    public static final String CONFIG_DIR = "/etc/trustfabric/opa";

    private OpaSidecar() {
    }

    public static Container container(String image, List<VolumeMount> mounts) {
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image)
                .withArgs("run", "--server",
                        "--addr=127.0.0.1:" + PORT,
                        "--diagnostic-addr=0.0.0.0:" + DIAGNOSTIC_PORT,
                        "--config-file=" + CONFIG_DIR + "/" + CONFIG_KEY,
                        "--disable-telemetry",
                        "--log-format=json", "--log-level=info")
                .addNewPort().withName("opa-diag").withContainerPort(DIAGNOSTIC_PORT).withProtocol("TCP").endPort()
                .withReadinessProbe(WorkerDeploymentDependent.httpProbe("/health?bundles", "opa-diag", 2, 3))
                .withLivenessProbe(WorkerDeploymentDependent.httpProbe("/health", "opa-diag", 10, 3))
                .withResources(new ResourceRequirementsBuilder()
                        // measured: 1.1-2.4 ms of CPU per decision (docs/benchmarks/policy.md)
                        .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("64Mi")))
                        .withLimits(Map.of("memory", new Quantity("256Mi")))
                        .build())
                .withSecurityContext(WorkerDeploymentDependent.containerSecurityContext())
                .withVolumeMounts(mounts)
                .build();
    }
}
