package io.trustfabric.operator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * How the reconcilers hand a status to JOSDK for its server-side-apply status patch.
 *
 * <p>JOSDK sends the primary resource as read, resourceVersion included, which makes the apply conditional: any
 * write in between (a user's edit, a label) fails it with 409 Conflict, and the reconcile counted as failed. Only
 * one operator replica (the leader) writes a resource's status and JOSDK never reconciles one resource twice at a
 * time, so the status is applied unconditionally; an edit made meanwhile triggers the next reconcile anyway.
 * The Fabric8 mock ignores resourceVersions, which is why this showed only on a real API server.
 */
public final class StatusPatches {

    private StatusPatches() {
    }

    /** The resource, ready to be returned in UpdateControl.patchStatus: its resourceVersion cleared. */
    public static <T extends HasMetadata> T unconditional(T resource) {
        resource.getMetadata().setResourceVersion(null);
        return resource;
    }

    /**
     * Whether a failed reconcile is only a race to retry, not a state to report: a 409 Conflict (someone wrote
     * first), or the API server refusing new objects in a namespace being deleted (403, cause NamespaceTerminating;
     * the resource goes with it). When several dependents failed, all of them must be such races.
     */
    public static boolean isTransient(Throwable failure) {
        if (failure instanceof io.javaoperatorsdk.operator.AggregatedOperatorException aggregated
                && !aggregated.getAggregatedExceptions().isEmpty()) {
            return aggregated.getAggregatedExceptions().values().stream().allMatch(StatusPatches::isTransient);
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException k && (k.getCode() == 409 || namespaceTerminating(k))) {
                return true;
            }
        }
        return false;
    }

    private static boolean namespaceTerminating(KubernetesClientException k) {
        return k.getCode() == 403 && k.getStatus() != null && k.getStatus().getDetails() != null
                && k.getStatus().getDetails().getCauses() != null && k.getStatus().getDetails().getCauses().stream()
                .anyMatch(c -> "NamespaceTerminating".equals(c.getReason()));
    }
}
