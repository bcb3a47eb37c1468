package io.trustfabric.cli.local;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.TrustFabricOperator;

/** Starts the Trust Fabric operator in this JVM against local mode's API server. */
final class OperatorLauncher {

    private OperatorLauncher() {
    }

    /** Local settings: no server-side apply (the embedded API server has none), no leader election, loopback HTTP. */
    static AutoCloseable start(KubernetesClient client) {
        return TrustFabricOperator.start(client, OperatorSettings.local());
    }
}
