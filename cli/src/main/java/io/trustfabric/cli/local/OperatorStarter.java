package io.trustfabric.cli.local;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Starts the Trust Fabric operator against local mode's API server; the handle stops it. */
@FunctionalInterface
interface OperatorStarter {

    AutoCloseable start(KubernetesClient client);
}
