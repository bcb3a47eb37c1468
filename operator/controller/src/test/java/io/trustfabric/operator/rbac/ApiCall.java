package io.trustfabric.operator.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * One Kubernetes API request reduced to what RBAC decides on: API group, resource (with subresource) and verb.
 *
 * @param apiGroup "" for the core group
 * @param resource plural name, e.g. "deployments" or "tenants/status"
 * @param verb     get, list, watch, create, update, patch, delete, deletecollection
 */
record ApiCall(String apiGroup, String resource, String verb) {

    /**
     * The authorisations an API server audit event (level Metadata or more) records: its verb, plus "create" for a
     * patch that created the object (server-side apply of a new object is authorised as both). Empty for
     * non-resource requests.
     */
    static List<ApiCall> fromAudit(JsonNode event) {
        JsonNode ref = event.path("objectRef");
        if (ref.isMissingNode() || ref.path("resource").asText().isEmpty()) {
            return List.of();
        }
        String subresource = ref.path("subresource").asText();
        String resource = ref.path("resource").asText() + (subresource.isEmpty() ? "" : "/" + subresource);
        String verb = event.path("verb").asText();
        ApiCall call = new ApiCall(ref.path("apiGroup").asText(), resource, verb);
        if (verb.equals("patch") && event.at("/responseStatus/code").asInt() == 201) {
            return List.of(call, new ApiCall(call.apiGroup(), resource, "create"));
        }
        return List.of(call);
    }

    /** Parses "/api/v1/namespaces/ns/secrets/name?x" or "/apis/group/version/..." with its HTTP method. */
    static ApiCall of(String method, String pathAndQuery) {
        URI uri = URI.create(pathAndQuery);
        List<String> parts = Arrays.stream(uri.getPath().split("/")).filter(p -> !p.isEmpty()).toList();
        String group;
        List<String> rest;
        if (parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            throw new IllegalArgumentException("not a resource path: " + pathAndQuery);
        }
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0) + (rest.size() >= 3 ? "/" + rest.get(2) : "");
        boolean named = rest.size() >= 2;
        return new ApiCall(group, resource, verb(method, named, uri.getQuery()));
    }

    private static String verb(String method, boolean named, String query) {
        return switch (method) {
            case "GET" -> named ? "get" : (query != null && query.contains("watch=true") ? "watch" : "list");
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("unexpected method " + method);
        };
    }
}
