package io.trustfabric.operator.admission;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The webhook's TLS material in the Secret {@code trust-fabric-webhook-tls} of the operator's namespace (type
 * {@code kubernetes.io/tls}; keys {@code tls.crt}, {@code tls.key}, {@code ca.crt}, {@code ca.key}), shared by every
 * replica. Writes are guarded by the resourceVersion read: of two replicas renewing at once one wins and the other
 * re-reads the winner's material.
 */
final class WebhookTlsSecret {

    static final String NAME = "trust-fabric-webhook-tls";
    private static final int CONFLICT = 409;

    private final KubernetesClient client;
    private final String namespace;

    WebhookTlsSecret(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /**
     * What the Secret holds.
     *
     * @param material        the material; null when the Secret is absent or does not hold usable material
     * @param resourceVersion the Secret's resourceVersion; null when it is absent
     * @param problem         why an existing Secret's material is unusable; null otherwise
     */
    record Stored(TlsMaterial material, String resourceVersion, String problem) {
        boolean exists() {
            return resourceVersion != null;
        }
    }

    Stored read() {
        Secret secret = client.secrets().inNamespace(namespace).withName(NAME).get();
        if (secret == null) {
            return new Stored(null, null, null);
        }
        try {
            return new Stored(TlsMaterial.fromSecretData(secret.getData()), secret.getMetadata().getResourceVersion(),
                    null);
        } catch (IllegalArgumentException e) {
            return new Stored(null, secret.getMetadata().getResourceVersion(), e.getMessage());
        }
    }

    /**
     * Stores the material over what was read: creates the Secret when it was absent, else replaces it if it is
     * still at the version read. When another replica got there first, returns what that replica stored.
     *
     * @throws KubernetesClientException on anything but a conflict (e.g. 404: the namespace does not exist)
     */
    Stored write(Stored previous, TlsMaterial material) {
        Secret secret = new SecretBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(namespace)
                .withResourceVersion(previous.resourceVersion())
                .addToLabels("app.kubernetes.io/managed-by", "trust-fabric-operator")
                .addToLabels("app.kubernetes.io/component", "admission-webhook")
                .endMetadata()
                .withType("kubernetes.io/tls")
                .withData(material.toSecretData())
                .build();
        try {
            Secret written = previous.exists()
                    ? client.secrets().inNamespace(namespace).resource(secret).update()
                    : client.secrets().inNamespace(namespace).resource(secret).create();
            return new Stored(material, written.getMetadata().getResourceVersion(), null);
        } catch (KubernetesClientException e) {
            if (e.getCode() != CONFLICT) {
                throw e;
            }
            return read();
        }
    }

    String namespace() {
        return namespace;
    }
}
