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
import io.trustfabric.operator.tenant.WorkerTokenNames;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Secret {@code <tenant>-psi-worker-token}: the bearer token the tenant's workers present to the operator's
 * control API (32 random bytes, base64url). Create-only, like the key seed: generated once and kept; deleting it
 * makes the operator issue a new one (and the control API refuses the old one at once).
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantResourceNames.MANAGED_BY_SELECTOR))
public class WorkerTokenSecretDependent extends KubernetesDependentResource<Secret, Tenant>
        implements Creator<Secret, Tenant>, GarbageCollected<Tenant> {

    public static final int TOKEN_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    public WorkerTokenSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(Tenant tenant, Context<Tenant> context) {
        byte[] random = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new SecretBuilder()
                .withMetadata(TenantResourceNames.ownedMetadata(tenant, WorkerTokenNames.secretName(tenant), WorkerTokenNames.COMPONENT))
                .withType("Opaque")
                .withImmutable(true)
                .withData(Map.of(WorkerTokenNames.TOKEN_KEY,
                        Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
