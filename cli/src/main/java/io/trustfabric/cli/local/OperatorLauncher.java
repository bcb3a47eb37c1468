package io.trustfabric.cli.local;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.controlplane.FreePort;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.TrustFabricOperator;

/** Starts the Trust Fabric operator in this JVM against local mode's API server. */
final class OperatorLauncher {

    private OperatorLauncher() {
    }

    /**
     * Local settings: server-side apply as in production on the real API server (off on the embedded mock, which has
     * none), no leader election, and health, metrics and the worker control API on loopback only. The control port is
     * chosen before the start so that the URL rendered into worker.json is the one local workers can reach. With
     * opaUrl the operator has an OPA of its own, as the chart's operator sidecar gives it on a cluster.
     */
    static OperatorStarter.LocalOperator start(KubernetesClient client, boolean serverSideApply, String opaUrl) {
        int controlPort = FreePort.pick();
        String controlUrl = "http://127.0.0.1:" + controlPort;
        OperatorSettings settings = OperatorSettings.local().withServerSideApply(serverSideApply)
                .withControl(controlPort, controlUrl).withOpaUrl(opaUrl);
        TrustFabricOperator.Running running = TrustFabricOperator.start(client, settings);
        return new OperatorStarter.LocalOperator(running, "http://127.0.0.1:" + running.controlPort());
    }
}
