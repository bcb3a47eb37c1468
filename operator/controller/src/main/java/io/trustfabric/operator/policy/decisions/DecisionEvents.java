package io.trustfabric.operator.policy.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.operator.policy.decisions.DecisionRecord.Finding;
import io.trustfabric.operator.policy.decisions.DecisionRecord.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads OPA's decision-log upload (a JSON array of events, usually gzip'd: {@code Content-Encoding: gzip}) and
 * reduces each event to a {@link DecisionRecord}: the contract's input fields (docs/decisions/policies.md, "Decision
 * input") and a summary of the result. Anything else an event carries is never kept.
 */
public final class DecisionEvents {

    /** The decision every worker asks (as OPA logs its path). */
    public static final String DECISION_PATH = "trustfabric/decision/result";

    static final int MAX_TEXT = 253;
    static final int MAX_ITEMS = 32;
    private static final int MAX_FINDINGS = 64;

    private static final ObjectMapper JSON = mapper();

    private enum Kind { STRING, STRINGS, INTEGER, BOOLEAN }

    /** The decision input's fields, by contract. */
    private static final Map<String, Object> INPUT = Map.of(
            "tenant", Map.of("namespace", Kind.STRING, "name", Kind.STRING, "modes", Kind.STRINGS,
                    "contractFlags", Kind.STRINGS, "normalization", Kind.STRING),
            "partner", Map.of("id", Kind.STRING, "region", Kind.STRING, "contractFlags", Kind.STRINGS,
                    "modes", Kind.STRINGS),
            "query", Map.of("mode", Kind.STRING, "setSize", Kind.INTEGER, "normalization", Kind.STRING),
            "volume", Map.of("hour", Map.of("queries", Kind.INTEGER, "elements", Kind.INTEGER),
                    "day", Map.of("queries", Kind.INTEGER, "elements", Kind.INTEGER)),
            "budget", Map.of("enforced", Kind.BOOLEAN),
            "time", Kind.STRING);

    private DecisionEvents() {
    }

    /** Why an upload cannot be read at all; nothing of it is stored. */
    public static final class UnreadableUpload extends Exception {
        private final boolean tooLarge;

        UnreadableUpload(String message, boolean tooLarge) {
            super(message, null, false, false);
            this.tooLarge = tooLarge;
        }

        public boolean tooLarge() {
            return tooLarge;
        }
    }

    /**
     * The events of an upload body.
     *
     * @param gzip            whether the body is gzip'd ({@code Content-Encoding: gzip}); a body starting with the
     *                        gzip magic bytes is read as gzip either way
     * @param maxDecodedBytes the largest decompressed body accepted
     * @throws UnreadableUpload not gzip when it says so, larger than allowed decompressed, not a JSON array
     */
    public static List<JsonNode> read(byte[] body, boolean gzip, int maxDecodedBytes) throws UnreadableUpload {
        byte[] json = gzip || isGzip(body) ? gunzip(body, maxDecodedBytes) : body;
        if (json.length > maxDecodedBytes) {
            throw new UnreadableUpload("the upload is larger than " + maxDecodedBytes + " bytes", true);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnreadableUpload("the upload is not JSON: " + e.getOriginalMessage(), false);
        } catch (IOException e) {
            throw new UnreadableUpload("the upload cannot be read", false);
        }
        if (root == null || !root.isArray()) {
            throw new UnreadableUpload("the upload must be a JSON array of decision events", false);
        }
        List<JsonNode> events = new ArrayList<>(root.size());
        root.elements().forEachRemaining(events::add);
        return events;
    }

    /**
     * The record of one event, empty when it is not a decision of the contract's path or names no tenant.
     *
     * @param uploaderNamespace the namespace of the uploading worker's tenant; used when the input names none
     */
    public static Optional<DecisionRecord> record(JsonNode event, String uploaderNamespace, Instant receivedAt) {
        if (!event.isObject() || !DECISION_PATH.equals(event.path("path").asText(null))) {
            return Optional.empty();
        }
        String decisionId = text(event.get("decision_id"));
        JsonNode tenant = event.path("input").path("tenant");
        String name = text(tenant.get("name"));
        if (decisionId == null || name == null) {
            return Optional.empty();
        }
        String namespace = tenant.has("namespace") ? text(tenant.get("namespace")) : uploaderNamespace;
        if (namespace == null) {
            return Optional.empty();
        }
        Map<String, String> bundles = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = event.path("bundles").fields();
        while (entries.hasNext() && bundles.size() < MAX_ITEMS) {
            Map.Entry<String, JsonNode> bundle = entries.next();
            String revision = text(bundle.getValue().get("revision"));
            if (bundle.getKey().length() <= MAX_TEXT) {
                bundles.put(bundle.getKey().intern(), revision == null ? "" : revision.intern());
            }
        }
        return Optional.of(new DecisionRecord(decisionId, timestamp(event.get("timestamp"), receivedAt),
                new TenantRef(namespace.intern(), name.intern()), bundles,
                reduce(event.path("input"), INPUT).toString(), outcome(event)));
    }

    private static Outcome outcome(JsonNode event) {
        JsonNode result = event.get("result");
        String error = event.hasNonNull("error")
                ? truncate(event.get("error").path("message").asText(event.get("error").toString()), 1024) : null;
        if (result == null || !result.isObject()) {
            return new Outcome(null, null, null, List.of(), List.of(), List.of(), List.of(), error);
        }
        JsonNode allow = result.get("allow");
        JsonNode revision = result.get("revision");
        String policy = text(result.get("policy"));
        return new Outcome(allow != null && allow.isBoolean() ? allow.booleanValue() : null,
                policy == null ? null : policy.intern(),
                revision != null && revision.canConvertToLong() && revision.isIntegralNumber()
                        ? revision.longValue() : null,
                findings(result.get("denials")), findings(result.get("warnings")), findings(result.get("dryrun")),
                findings(result.get("errors")), error);
    }

    private static List<Finding> findings(JsonNode list) {
        if (list == null || !list.isArray()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode item : list) {
            if (findings.size() == MAX_FINDINGS) {
                break;
            }
            if (item.isObject()) {
                findings.add(new Finding(interned(item.get("rule")), interned(item.get("code"))));
            }
        }
        return findings;
    }

    @SuppressWarnings("unchecked")
    private static ObjectNode reduce(JsonNode node, Map<String, Object> schema) {
        ObjectNode reduced = JsonNodeFactory.instance.objectNode();
        if (!node.isObject()) {
            return reduced;
        }
        schema.forEach((field, kind) -> {
            JsonNode value = node.get(field);
            if (value == null) {
                return;
            }
            if (kind instanceof Map<?, ?> nested) {
                if (value.isObject()) {
                    reduced.set(field, reduce(value, (Map<String, Object>) nested));
                }
                return;
            }
            switch ((Kind) kind) {
                case STRING -> {
                    if (value.isTextual()) {
                        reduced.put(field, truncate(value.textValue(), MAX_TEXT));
                    }
                }
                case INTEGER -> {
                    if (value.isIntegralNumber() && value.canConvertToLong()) {
                        reduced.put(field, value.longValue());
                    }
                }
                case BOOLEAN -> {
                    if (value.isBoolean()) {
                        reduced.put(field, value.booleanValue());
                    }
                }
                case STRINGS -> {
                    if (value.isArray()) {
                        var array = reduced.putArray(field);
                        for (JsonNode item : value) {
                            if (array.size() == MAX_ITEMS) {
                                break;
                            }
                            if (item.isTextual()) {
                                array.add(truncate(item.textValue(), MAX_TEXT));
                            }
                        }
                    }
                }
            }
        });
        return reduced;
    }

    private static Instant timestamp(JsonNode value, Instant fallback) {
        if (value == null || !value.isTextual()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static String text(JsonNode value) {
        return value != null && value.isTextual() && !value.textValue().isEmpty()
                ? truncate(value.textValue(), MAX_TEXT) : null;
    }

    /** Rule names, codes, bundle names and revisions repeat across entries: one copy each (the JVM's table is weak). */
    private static String interned(JsonNode value) {
        String text = text(value);
        return text == null ? null : text.intern();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static boolean isGzip(byte[] body) {
        return body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    }

    private static byte[] gunzip(byte[] body, int maxDecodedBytes) throws UnreadableUpload {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] decoded = in.readNBytes(maxDecodedBytes + 1);
            if (decoded.length > maxDecodedBytes) {
                throw new UnreadableUpload("the upload is larger than " + maxDecodedBytes
                        + " bytes decompressed", true);
            }
            return decoded;
        } catch (IOException e) {
            throw new UnreadableUpload("the upload is not valid gzip", false);
        }
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
        return mapper;
    }
}
