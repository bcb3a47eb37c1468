package io.trustfabric.cli.local;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Starts the Trust Fabric operator against local mode's API server. */
@FunctionalInterface
interface OperatorStarter {

    LocalOperator start(KubernetesClient client);

    /** A running operator: the handle stops it; workers reach its control API at controlUrl (null: none). */
    record LocalOperator(AutoCloseable handle, String controlUrl) {
    }
}
