package io.trustfabric.operator.tenant;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Optional;

/**
 * Whether a Tenant's workers can serve, read from the worker Deployment's status.
 *
 * @param desired replicas the Deployment asks for
 * @param ready   replicas that are available
 */
public record WorkerAvailability(boolean available, String reason, String message, int desired, int ready) {

    public static WorkerAvailability of(Optional<Deployment> deployment) {
        if (deployment.isEmpty()) {
            return new WorkerAvailability(false, TenantConditions.REASON_DEPLOYMENT_PENDING,
                    "The worker Deployment does not exist yet.", 0, 0);
        }
        Deployment d = deployment.get();
        int desired = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        DeploymentStatus status = d.getStatus();
        int available = status == null || status.getAvailableReplicas() == null ? 0 : status.getAvailableReplicas();
        if (desired == 0) {
            return new WorkerAvailability(false, TenantConditions.REASON_SCALED_TO_ZERO,
                    "spec.workers.replicas is 0, so no worker serves queries. Set it above 0 to serve.", 0, available);
        }
        if (available >= desired) {
            return new WorkerAvailability(true, TenantConditions.REASON_MINIMUM_REPLICAS_AVAILABLE,
                    available + " of " + desired + " worker replicas are available.", desired, available);
        }
        return new WorkerAvailability(false, TenantConditions.REASON_REPLICAS_UNAVAILABLE,
                available + " of " + desired + " worker replicas are available. See why with: kubectl describe deployment "
                        + d.getMetadata().getName() + " -n " + d.getMetadata().getNamespace()
                        + " (image pulls, probes, missing data set file).", desired, available);
    }
}
