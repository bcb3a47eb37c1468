package io.trustfabric.cli.local;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Starts the Trust Fabric operator in this JVM against local mode's API server. */
final class OperatorLauncher {

    private OperatorLauncher() {
    }

    static AutoCloseable start(KubernetesClient client) {
        throw new LocalModeException("not part of this build yet (operator/controller has no TrustFabricOperator); "
                + "tenants will get no status and no worker Deployments");
    }
}
