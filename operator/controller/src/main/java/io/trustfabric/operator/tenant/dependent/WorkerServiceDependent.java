package io.trustfabric.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.tenant.TenantResourceNames;

/** Service {@code <tenant>-psi} on port 8080: the endpoint partners call. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantResourceNames.MANAGED_BY_SELECTOR))
public class WorkerServiceDependent extends CRUDKubernetesDependentResource<Service, Tenant> {

    public static final String COMPONENT = "psi-worker";

    public WorkerServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(Tenant tenant, Context<Tenant> context) {
        return new ServiceBuilder()
                .withMetadata(TenantResourceNames.ownedMetadata(tenant, TenantResourceNames.workers(tenant), COMPONENT))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(TenantResourceNames.selector(tenant))
                .addNewPort()
                .withName("http")
                .withProtocol("TCP")
                .withPort(TenantResourceNames.WORKER_PORT)
                .withTargetPort(new IntOrString("http"))
                .endPort()
                .endSpec()
                .build();
    }
}
