package io.trustfabric.cli.resource;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** What to tell the user when the API server refuses a request: its own message, without the client's request dump. */
final class ApiErrors {

    private ApiErrors() {
    }

    /** "refused by the API server (422 Invalid): Tenant.trustfabric.io "x" is invalid: ...", or the exception's message. */
    static String describe(RuntimeException e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null
                && !k.getStatus().getMessage().isBlank()) {
            Status status = k.getStatus();
            String reason = status.getReason() == null || status.getReason().isBlank() ? "" : " " + status.getReason();
            return "refused by the API server (" + k.getCode() + reason + "): " + status.getMessage();
        }
        return e.getMessage();
    }
}
