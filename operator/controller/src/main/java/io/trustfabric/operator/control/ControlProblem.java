package io.trustfabric.operator.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem answer of the control API. The {@code type} is stable
 * ({@code https://trustfabric.io/problems/control/<name>}); workers branch on it, humans read title and detail.
 * Routes throw it to refuse a request.
 */
public final class ControlProblem extends RuntimeException {

    public static final String TYPE_PREFIX = "https://trustfabric.io/problems/control/";
    public static final String CONTENT_TYPE = "application/problem+json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int status;
    private final String name;
    private final String title;
    private final Map<String, String> headers;

    public ControlProblem(int status, String name, String title, String detail) {
        this(status, name, title, detail, Map.of());
    }

    public ControlProblem(int status, String name, String title, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.name = name;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public static ControlProblem unauthorized(String detail) {
        return new ControlProblem(401, "unauthorized", "Missing or unknown worker token", detail,
                Map.of("WWW-Authenticate", "Bearer realm=\"trust-fabric-control\""));
    }

    public static ControlProblem forbidden(String detail) {
        return new ControlProblem(403, "forbidden", "Worker token of another tenant", detail);
    }

    public static ControlProblem notFound(String detail) {
        return new ControlProblem(404, "not-found", "No such control API resource", detail);
    }

    public static ControlProblem methodNotAllowed(String detail, String allow) {
        return new ControlProblem(405, "method-not-allowed", "Method not allowed", detail, Map.of("Allow", allow));
    }

    public static ControlProblem badRequest(String detail) {
        return new ControlProblem(400, "bad-request", "Malformed request", detail);
    }

    public static ControlProblem notLeader() {
        return new ControlProblem(503, "not-leader", "This operator replica is not the leader",
                "Only the elected operator replica answers this call; retry, the Service will reach the leader.",
                Map.of("Retry-After", "1"));
    }

    public String type() {
        return TYPE_PREFIX + name;
    }

    public int status() {
        return status;
    }

    public ControlResponse toResponse() {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("type", type());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        Map<String, String> all = new LinkedHashMap<>(headers);
        return new ControlResponse(status, CONTENT_TYPE, all, body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
