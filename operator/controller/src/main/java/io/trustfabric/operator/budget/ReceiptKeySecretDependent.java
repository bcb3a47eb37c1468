package io.trustfabric.operator.budget;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.trustfabric.api.v1alpha1.ReceiptKey;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.tenant.TenantResourceNames;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Secret {@code <tenant>-receipt-key}: the tenant's Ed25519 receipt signing key, made once with Bouncy Castle and
 * never rewritten (Creator only, immutable), mounted into the worker pods at {@link #MOUNT_DIR}. Files (text):
 * {@code private-key} and {@code public-key} (base64 of the raw 32-byte RFC 8032 keys) and {@code key-id}.
 * The public half is published in Tenant.status.receiptKey.
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantResourceNames.MANAGED_BY_SELECTOR))
public class ReceiptKeySecretDependent extends KubernetesDependentResource<Secret, Tenant>
        implements Creator<Secret, Tenant>, GarbageCollected<Tenant> {

    public static final String COMPONENT = "receipt-key";
    public static final String MOUNT_DIR = "/var/run/trustfabric/receipt-key";
    public static final String PRIVATE_KEY = "private-key";
    public static final String PUBLIC_KEY = "public-key";
    public static final String KEY_ID = "key-id";
    /** Pod template annotation: a replaced key (new id) rolls the workers, which read the key only at start. */
    public static final String KEY_ID_ANNOTATION = "trustfabric.io/receipt-key-id";

    private static final SecureRandom RANDOM = new SecureRandom();

    public ReceiptKeySecretDependent() {
        super(Secret.class);
    }

    public static String secretName(Tenant tenant) {
        return tenant.getMetadata().getName() + "-receipt-key";
    }

    @Override
    protected Secret desired(Tenant tenant, Context<Tenant> context) {
        ReceiptSigningKey key = ReceiptSigningKey.generate(RANDOM);
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, String> files = new LinkedHashMap<>();
        files.put(PRIVATE_KEY, base64.encodeToString(key.privateKey()));
        files.put(PUBLIC_KEY, base64.encodeToString(key.publicKey()));
        files.put(KEY_ID, key.keyId(tenant.getMetadata().getName()));
        Map<String, String> data = new LinkedHashMap<>();
        files.forEach((name, text) -> data.put(name, base64.encodeToString(text.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder()
                .withMetadata(TenantResourceNames.ownedMetadata(tenant, secretName(tenant), COMPONENT))
                .withType("Opaque")
                .withImmutable(true)
                .withData(data)
                .build();
    }

    /** The tenant's receipt key Secret among the secondary Secrets, if it exists yet. */
    public static Optional<Secret> of(Tenant tenant, Context<Tenant> context) {
        String name = secretName(tenant);
        return context.getSecondaryResourcesAsStream(Secret.class)
                .filter(secret -> name.equals(secret.getMetadata().getName())).findFirst();
    }

    /**
     * The public half to publish, checked: the public key must be the one derived from the private key, so status
     * never advertises a key the workers do not sign with.
     */
    public static Optional<ReceiptKey> publicHalf(Secret secret) {
        try {
            String privateKey = file(secret, PRIVATE_KEY);
            String publicKey = file(secret, PUBLIC_KEY);
            String keyId = file(secret, KEY_ID);
            ReceiptSigningKey key = ReceiptSigningKey.fromPrivate(Base64.getDecoder().decode(privateKey));
            if (!Base64.getEncoder().encodeToString(key.publicKey()).equals(publicKey)) {
                return Optional.empty();
            }
            return Optional.of(new ReceiptKey(keyId, publicKey));
        } catch (IllegalArgumentException | NullPointerException unreadable) {
            return Optional.empty();
        }
    }

    private static String file(Secret secret, String name) {
        String encoded = secret.getData() == null ? null : secret.getData().get(name);
        if (encoded == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim();
    }
}
