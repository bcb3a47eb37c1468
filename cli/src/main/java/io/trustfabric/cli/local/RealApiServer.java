package io.trustfabric.cli.local;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.trustfabric.controlplane.ControlPlane;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The real Kubernetes API server of local mode: etcd, kube-apiserver (TLS with a fresh CA, RBAC, admission, CEL
 * validation, server-side apply, discovery) and kube-controller-manager with only the controllers that need no nodes.
 * Nothing schedules or runs pods and no Deployment controller runs: local mode plays those parts itself
 * ({@link LocalDeployments}). Local mode's clients act as an admin (group system:masters).
 */
final class RealApiServer implements LocalApiServer {

    /** How kube-controller-manager's controllers are called in what local mode prints. */
    private static final Map<String, String> CONTROLLER_NAMES = Map.of(
            "garbage-collector-controller", "garbage collector",
            "namespace-controller", "namespaces",
            "serviceaccount-controller", "service accounts",
            "resourcequota-controller", "resource quotas");

    private final ControlPlane plane;
    private final KubernetesClient client;

    private RealApiServer(ControlPlane plane, KubernetesClient client) {
        this.plane = plane;
        this.client = client;
    }

    /**
     * Starts a control plane with its files in workDir (new CA and admin token; etcd's data, in workDir/etcd, kept
     * from the previous start in that folder), on the preferred port if free (0: any free port). Each start-up step is
     * reported to progress.
     */
    static RealApiServer start(ControlPlaneBinaries binaries, Path workDir, int preferredPort, Consumer<String> progress) {
        ControlPlane plane = ControlPlane.builder(binaries).workDir(workDir).preferredApiServerPort(preferredPort)
                .keepEtcdData(true)
                .controllerManager(true, ControlPlane.DEFAULT_CONTROLLERS).progress(progress).start();
        try {
            return new RealApiServer(plane, new KubernetesClientBuilder().withConfig(config(plane)).build());
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    private static Config config(ControlPlane plane) {
        return new ConfigBuilder(Config.empty()).withMasterUrl(plane.url())
                .withCaCertData(Base64.getEncoder().encodeToString(
                        plane.caCertificatePem().getBytes(StandardCharsets.US_ASCII)))
                .withOauthToken(plane.adminToken()).withNamespace("default")
                .withConnectionTimeout(10_000).withRequestTimeout(30_000).build();
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String url() {
        return plane.url();
    }

    @Override
    public boolean real() {
        return true;
    }

    @Override
    public String description() {
        ControlPlaneBinaries bin = plane.binaries();
        return "kube-apiserver v" + bin.kubernetesVersion() + " (real; etcd " + bin.etcdVersion()
                + ", kube-controller-manager: " + controllers(ControlPlane.DEFAULT_CONTROLLERS) + ") on " + url();
    }

    static String controllers(List<String> names) {
        return String.join(", ", names.stream().map(n -> CONTROLLER_NAMES.getOrDefault(n, n)).toList());
    }

    /** Where etcd keeps its data under the control plane's folder (see ControlPlane). */
    static final String ETCD_DIR = "etcd";

    /** The control plane's folder: etcd data, certificates, and the logs of etcd, kube-apiserver, kube-controller-manager. */
    Path workDir() {
        return plane.workDir();
    }

    /** An admin kubeconfig (CA embedded, bearer token; readable by its owner only). */
    @Override
    public Path writeKubeconfig(Path file, String namespace) {
        return plane.writeAdminKubeconfig(file, namespace);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            plane.close();
        }
    }
}
