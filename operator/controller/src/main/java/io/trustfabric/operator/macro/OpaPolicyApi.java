package io.trustfabric.operator.macro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operator's own OPA, through its REST API: compile a module ({@code PUT /v1/policies}), read its AST,
 * evaluate a rule, delete the module. Used to check PolicyMacros and to replay recorded decisions against a new
 * policy revision; workers have their own OPA.
 * <p>
 * Both uses load modules into the packages they are about ({@code trustfabric.macros...}), so two of them at a time
 * could collide: whoever loads modules holds this object's monitor from loading them until they are deleted.
 */
public final class OpaPolicyApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public OpaPolicyApi(URI base, Duration timeout) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI base() {
        return base;
    }

    /** Compiles and installs the module under {@code id}; empty on success, otherwise the compile errors. */
    public List<CompileError> putPolicy(String id, String rego) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("v1/policies/" + encode(id)))
                .PUT(HttpRequest.BodyPublishers.ofString(rego, StandardCharsets.UTF_8))
                .header("Content-Type", "text/plain").timeout(timeout).build());
        if (response.statusCode() == 200) {
            return List.of();
        }
        JsonNode body = parse(response);
        if (response.statusCode() == 400 && body.has("errors")) {
            List<CompileError> errors = new java.util.ArrayList<>();
            for (JsonNode e : body.get("errors")) {
                errors.add(new CompileError(e.path("code").asText(), e.path("message").asText(),
                        e.path("location").path("row").asInt(0), e.path("location").path("col").asInt(0)));
            }
            return errors;
        }
        throw new IOException("OPA answered " + response.statusCode() + " to PUT /v1/policies: " + response.body());
    }

    /** The parsed module (OPA's AST JSON) installed under {@code id}. */
    public JsonNode ast(String id) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("v1/policies/" + encode(id)))
                .GET().timeout(timeout).build());
        if (response.statusCode() != 200) {
            throw new IOException("OPA answered " + response.statusCode() + " to GET /v1/policies/" + id);
        }
        return parse(response).path("result").path("ast");
    }

    public void deletePolicy(String id) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("v1/policies/" + encode(id)))
                .DELETE().timeout(timeout).build());
        if (response.statusCode() != 200 && response.statusCode() != 404) {
            throw new IOException("OPA answered " + response.statusCode() + " to DELETE /v1/policies/" + id);
        }
    }

    /** Deletes every installed module whose id starts with {@code prefix}; returns how many. */
    public int deletePolicies(String prefix) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("v1/policies")).GET().timeout(timeout).build());
        if (response.statusCode() != 200) {
            throw new IOException("OPA answered " + response.statusCode() + " to GET /v1/policies");
        }
        int deleted = 0;
        for (JsonNode policy : parse(response).path("result")) {
            String id = policy.path("id").asText("");
            if (id.startsWith(prefix)) {
                deletePolicy(id);
                deleted++;
            }
        }
        return deleted;
    }

    /** Evaluates {@code data.<path>} with an empty input; empty when undefined. */
    public Evaluation evaluate(List<String> path) throws IOException {
        String joined = path.stream().map(OpaPolicyApi::encode).collect(Collectors.joining("/"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("v1/data/" + joined))
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":{}}"))
                .header("Content-Type", "application/json").timeout(timeout).build());
        JsonNode body = parse(response);
        if (response.statusCode() != 200) {
            return new Evaluation(Optional.empty(), body.path("message").asText("OPA answered " + response.statusCode()));
        }
        return new Evaluation(body.has("result") ? Optional.of(body.get("result")) : Optional.empty(), null);
    }

    /**
     * POSTs {@code requestJson} (an object with {@code input}) to {@code data.<path>} and returns the result, empty
     * when undefined.
     *
     * @throws IOException OPA unreachable, slower than {@code timeout}, or answering with an error (its message)
     */
    public Optional<JsonNode> query(List<String> path, String requestJson, Duration timeout) throws IOException {
        String joined = path.stream().map(OpaPolicyApi::encode).collect(Collectors.joining("/"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("v1/data/" + joined))
                .POST(HttpRequest.BodyPublishers.ofString(requestJson, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").timeout(timeout).build());
        JsonNode body = parse(response);
        if (response.statusCode() != 200) {
            throw new IOException("OPA answered " + response.statusCode() + ": "
                    + body.path("message").asText(response.body()));
        }
        return body.has("result") ? Optional.of(body.get("result")) : Optional.empty();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling OPA at " + base, e);
        }
    }

    private URI uri(String relative) {
        return base.resolve(relative);
    }

    private static JsonNode parse(HttpResponse<String> response) throws IOException {
        String body = response.body();
        return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One compile error with its 1-based line and column (0 when OPA gave none). */
    public record CompileError(String code, String message, int row, int col) {
    }

    /** A rule's value, or the evaluation error OPA reported. */
    public record Evaluation(Optional<JsonNode> result, String error) {
    }
}
