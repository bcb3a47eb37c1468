package io.trustfabric.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.allowlist.PartnersDocument;
import io.trustfabric.operator.tenant.TenantResourceNames;
import io.trustfabric.operator.tenant.WorkerPlan;
import java.util.Map;

/**
 * ConfigMap {@code <tenant>-psi-partners}: the effective partner allowlist (key partners.json), credentials only
 * as salted hashes. Workers load it at start and then follow the control API, which serves the same document.
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantResourceNames.MANAGED_BY_SELECTOR))
public class PartnersConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, Tenant> {

    public static final String COMPONENT = "psi-partners";
    /** The document's revision, so kubectl shows which allowlist the workers should have. */
    public static final String REVISION_ANNOTATION = "trustfabric.io/partners-revision";

    public PartnersConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(Tenant tenant, Context<Tenant> context) {
        WorkerPlan plan = WorkerPlanLookup.plan(context);
        return new ConfigMapBuilder()
                .withMetadata(TenantResourceNames.ownedMetadata(tenant, TenantResourceNames.partners(tenant), COMPONENT))
                .editMetadata().withAnnotations(Map.of(REVISION_ANNOTATION, plan.partners().revision())).endMetadata()
                .withData(Map.of(PartnersDocument.KEY, plan.partners().json()))
                .build();
    }
}
