package io.trustfabric.operator.allowlist;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** Reads credential Secrets from the API server. */
public final class ClusterCredentials implements CredentialSource {

    private final KubernetesClient client;

    public ClusterCredentials(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
    }
}
