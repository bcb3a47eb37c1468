package io.trustfabric.operator.contract;

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
