package io.trustfabric.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.tenant.TenantResourceNames;
import io.trustfabric.operator.tenant.WorkerConfigRenderer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Secret {@code <tenant>-psi-key}: the 32-byte seed the workers derive the tenant's PSI key from.
 * Create-only (no Updater): generated once, never rewritten, so the tenant's key survives every reconcile.
 * Marked immutable so nobody else rewrites it either.
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantResourceNames.MANAGED_BY_SELECTOR))
public class KeySeedSecretDependent extends KubernetesDependentResource<Secret, Tenant>
        implements Creator<Secret, Tenant>, GarbageCollected<Tenant> {

    public static final String COMPONENT = "psi-key";
    public static final int SEED_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    public KeySeedSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(Tenant tenant, Context<Tenant> context) {
        byte[] seed = new byte[SEED_BYTES];
        RANDOM.nextBytes(seed);
        return new SecretBuilder()
                .withMetadata(TenantResourceNames.ownedMetadata(tenant, TenantResourceNames.keySeed(tenant), COMPONENT))
                .withType("Opaque")
                .withImmutable(true)
                .withData(Map.of(WorkerConfigRenderer.KEY_FILE, Base64.getEncoder().encodeToString(seed)))
                .build();
    }
}
