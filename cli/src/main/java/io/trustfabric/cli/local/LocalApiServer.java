package io.trustfabric.cli.local;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * The Kubernetes API server local mode runs: the real one ({@link RealApiServer}: etcd, kube-apiserver and
 * kube-controller-manager, when build-tools/test-binaries.sh installed them) or Fabric8's embedded mock
 * ({@link MockApiServer}).
 */
public interface LocalApiServer extends AutoCloseable {

    /** Preferred port of both servers; a free one is used when it is taken. */
    int DEFAULT_PORT = 17443;

    /** An admin client; owned by the server, do not close it. */
    KubernetesClient client();

    /** http(s)://127.0.0.1:PORT */
    String url();

    /** True for the real kube-apiserver, false for the embedded mock. */
    boolean real();

    /** What runs, for the "API server: ..." line, e.g. "kube-apiserver v1.34.12 (real; ...) on https://...". */
    String description();

    /** Writes a kubeconfig for this server (namespace as given) and returns its path. */
    Path writeKubeconfig(Path file, String namespace);

    @Override
    void close();
}
