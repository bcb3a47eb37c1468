package io.trustfabric.operator.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a control route answers.
 *
 * @param status      HTTP status
 * @param contentType Content-Type of the body (null when there is no body)
 * @param headers     further response headers
 * @param body        the body (empty for none)
 */
public record ControlResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    public static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ControlResponse {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** A JSON body made from any value Jackson can serialise (a JsonNode, a record, a map). */
    public static ControlResponse json(int status, Object value) {
        try {
            return new ControlResponse(status, JSON, Map.of(), MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise the response body", e);
        }
    }

    /** A JSON body that is already serialised. */
    public static ControlResponse json(int status, String json) {
        return new ControlResponse(status, JSON, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** A body of any media type, e.g. a bundle as application/gzip. */
    public static ControlResponse binary(int status, String contentType, byte[] body) {
        return new ControlResponse(status, contentType, Map.of(), body);
    }

    public static ControlResponse empty(int status) {
        return new ControlResponse(status, null, Map.of(), new byte[0]);
    }

    public ControlResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ControlResponse(status, contentType, more, body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
