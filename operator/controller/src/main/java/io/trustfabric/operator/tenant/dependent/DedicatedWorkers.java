package io.trustfabric.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.trustfabric.api.v1alpha1.Tenant;

/**
 * Precondition of the tenant's own Deployment, Service and ServiceAccount: only a tenant with dedicated workers
 * has them. When a tenant moves to a shared pool, JOSDK deletes them (an unmet precondition deletes a dependent).
 */
public class DedicatedWorkers implements Condition<HasMetadata, Tenant> {

    @Override
    public boolean isMet(DependentResource<HasMetadata, Tenant> dependentResource, Tenant tenant,
                         Context<Tenant> context) {
        return WorkerPlanLookup.plan(context).dedicated();
    }
}
