package io.trustfabric.operator.tenant.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.tenant.WorkerPlan;

/** Dependents read the plan the reconciler computed; there is none unless the Tenant passed validation. */
final class WorkerPlanLookup {

    private WorkerPlanLookup() {
    }

    static WorkerPlan plan(Context<Tenant> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(WorkerPlan.CONTEXT_KEY, WorkerPlan.class);
    }
}
