package io.trustfabric.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.tenant.TenantResourceNames;

/** ServiceAccount {@code <tenant>-psi} the worker pods run as; it has no API token mounted. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantResourceNames.MANAGED_BY_SELECTOR))
public class WorkerServiceAccountDependent extends CRUDKubernetesDependentResource<ServiceAccount, Tenant> {

    public static final String COMPONENT = "psi-worker";

    public WorkerServiceAccountDependent() {
        super(ServiceAccount.class);
    }

    @Override
    protected ServiceAccount desired(Tenant tenant, Context<Tenant> context) {
        return new ServiceAccountBuilder()
                .withMetadata(TenantResourceNames.ownedMetadata(tenant, TenantResourceNames.workers(tenant), COMPONENT))
                .withAutomountServiceAccountToken(false)
                .build();
    }
}
