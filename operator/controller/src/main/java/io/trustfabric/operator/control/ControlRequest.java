package io.trustfabric.operator.control;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * An authenticated control API request of one tenant.
 *
 * @param method         HTTP method
 * @param namespace      the tenant's namespace (from the path)
 * @param tenant         the tenant's name (from the path)
 * @param pathParameters values of the route's brace parameters
 * @param headers        request headers, names in lower case, first value only
 * @param body           request body (empty when there is none)
 */
public record ControlRequest(String method, String namespace, String tenant, Map<String, String> pathParameters,
                             Map<String, String> headers, byte[] body) {

    public ControlRequest {
        pathParameters = Map.copyOf(pathParameters);
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * Whether {@code If-None-Match} names this strong entity tag (quoted, e.g. {@code "sha256:…"}) or is {@code *};
     * weak tags compare by their opaque part.
     */
    public boolean ifNoneMatch(String etag) {
        return header("If-None-Match").map(value -> java.util.Arrays.stream(value.split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals(etag) || tag.equals("*"))).orElse(false);
    }

    /** A brace parameter of the route's path; the router guarantees it is present and non-empty. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no path parameter '" + name + "'");
        }
        return value;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
