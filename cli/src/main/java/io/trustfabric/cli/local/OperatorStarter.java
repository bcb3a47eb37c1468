package io.trustfabric.cli.local;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Starts the Trust Fabric operator against local mode's API server. */
@FunctionalInterface
interface OperatorStarter {

    /**
     * @param serverSideApply whether the operator uses server-side apply (the real API server has it, the mock not)
     * @param opaUrl          the operator's own OPA (macro checks, decision replay); null: none
     */
    LocalOperator start(KubernetesClient client, boolean serverSideApply, String opaUrl);

    /**
     * A running operator: the handle stops it; workers reach its control API at controlUrl (null: none); the API
     * server calls its admission webhook at webhookUrl (null: none).
     */
    record LocalOperator(AutoCloseable handle, String controlUrl, String webhookUrl) {

        LocalOperator(AutoCloseable handle, String controlUrl) {
            this(handle, controlUrl, null);
        }
    }
}
