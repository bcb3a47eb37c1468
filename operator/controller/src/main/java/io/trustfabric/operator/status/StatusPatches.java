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

    /** Whether the failure is an API server's 409 Conflict (someone wrote first): retry, it is not an error state. */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() == 409) {
                return true;
            }
        }
        return false;
    }
}
