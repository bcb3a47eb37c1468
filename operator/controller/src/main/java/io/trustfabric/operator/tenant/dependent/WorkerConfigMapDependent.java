package io.trustfabric.operator.tenant.dependent;

import io.trustfabric.operator.policy.OpaSidecar;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.tenant.TenantResourceNames;
import io.trustfabric.operator.tenant.WorkerConfigRenderer;
import io.trustfabric.operator.tenant.WorkerPlan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ConfigMap {@code <tenant>-psi-config}: worker.json of dedicated workers, plus the items when the data set is
 * inline (a shared pool mounts those items from here too; its worker.json is the pool's own ConfigMap).
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantResourceNames.MANAGED_BY_SELECTOR))
public class WorkerConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, Tenant> {

    public static final String COMPONENT = "worker-config";

    public WorkerConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(Tenant tenant, Context<Tenant> context) {
        WorkerPlan plan = WorkerPlanLookup.plan(context);
        Map<String, String> data = new LinkedHashMap<>();
        if (plan.workerJson() != null) {
            data.put(WorkerConfigRenderer.CONFIG_KEY, plan.workerJson());
        }
        if (plan.opaConfig() != null) {
            data.put(OpaSidecar.CONFIG_KEY, plan.opaConfig());
        }
        if (plan.inlineItems() != null) {
            data.put(WorkerConfigRenderer.DATASET_FILE, plan.inlineItems());
        }
        return new ConfigMapBuilder()
                .withMetadata(TenantResourceNames.ownedMetadata(tenant, TenantResourceNames.config(tenant), COMPONENT))
                .withData(data)
                .build();
    }
}
