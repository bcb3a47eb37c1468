package io.trustfabric.operator.policy.bundle;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundle signing key pair in the Secret {@code trust-fabric-bundle-signing} of the operator's namespace (keys
 * {@code private.pem}, {@code public.pem}). Create-only: the first replica to start generates the pair and creates
 * the Secret; every later start, and a replica that lost the creation race, loads it. A Secret that exists but does
 * not hold a valid pair is an error, never a reason to generate a new pair (OPA would reject every bundle signed
 * with it): the operator refuses to start and says how to recover.
 */
public final class BundleSigningKeySecret {

    public static final String NAME = "trust-fabric-bundle-signing";
    public static final String PRIVATE_KEY = "private.pem";
    public static final String PUBLIC_KEY = "public.pem";

    private static final Logger LOG = LoggerFactory.getLogger(BundleSigningKeySecret.class);
    private static final int CONFLICT = 409;

    private BundleSigningKeySecret() {
    }

    /**
     * Loads the key pair, creating the Secret first if there is none.
     *
     * @throws IllegalStateException when the Secret exists but holds no valid P-256 pair
     */
    public static BundleSigningKey loadOrCreate(KubernetesClient client, String namespace) {
        Secret existing = client.secrets().inNamespace(namespace).withName(NAME).get();
        if (existing != null) {
            return read(existing, namespace);
        }
        BundleSigningKey generated = BundleSigningKey.generate();
        Secret secret = new SecretBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "trust-fabric-operator")
                .addToLabels("app.kubernetes.io/component", "bundle-signing")
                .endMetadata()
                .withType("Opaque")
                .withImmutable(true)
                .withData(Map.of(PRIVATE_KEY, encode(generated.privateKeyPem()),
                        PUBLIC_KEY, encode(generated.publicKeyPem())))
                .build();
        try {
            client.secrets().inNamespace(namespace).resource(secret).create();
            LOG.info("Created the bundle signing key pair in Secret {}/{}", namespace, NAME);
            return generated;
        } catch (KubernetesClientException e) {
            if (e.getCode() != CONFLICT) {
                throw e;
            }
            Secret winner = client.secrets().inNamespace(namespace).withName(NAME).get();
            if (winner == null) {
                throw new IllegalStateException("Secret " + namespace + "/" + NAME
                        + " was created concurrently and is gone again; restart the operator", e);
            }
            return read(winner, namespace);
        }
    }

    private static BundleSigningKey read(Secret secret, String namespace) {
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        try {
            return BundleSigningKey.fromPem(decode(data.get(PRIVATE_KEY), PRIVATE_KEY),
                    decode(data.get(PUBLIC_KEY), PUBLIC_KEY));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Secret " + namespace + "/" + NAME + " does not hold a valid bundle"
                    + " signing key pair (" + e.getMessage() + "). Restore it from a backup, or delete it to have the"
                    + " operator generate a new pair (workers then load bundles only after their OPA gets the new"
                    + " public key in their opa.yaml, which the operator rewrites, rolling them).", e);
        }
    }

    private static String decode(String base64, String key) {
        if (base64 == null || base64.isEmpty()) {
            throw new IllegalArgumentException("key '" + key + "' is missing");
        }
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + key + "' is not base64", e);
        }
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
