package io.trustfabric.operator.macro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.PolicyMacroSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/** The digest of what a macro version publishes (not its description): equal digests, equal decisions. */
public final class MacroDigest {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private MacroDigest() {
    }

    public static String of(PolicyMacroSpec spec) {
        ObjectNode content = CANONICAL.createObjectNode();
        content.put("macro", spec.getMacro());
        content.put("version", spec.getVersion());
        content.set("parameters", CANONICAL.valueToTree(new TreeMap<>(spec.getParameters() == null
                ? java.util.Map.<String, JsonNode>of() : spec.getParameters())));
        content.put("rego", spec.getRego());
        content.put("tests", spec.getTests() == null ? "" : spec.getTests());
        try {
            byte[] canonical = CANONICAL.writeValueAsString(sorted(content)).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Object keys sorted at every depth (ORDER_MAP_ENTRIES_BY_KEYS does not reorder JsonNode objects). */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            ObjectNode out = CANONICAL.createObjectNode();
            fields.forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (node.isArray()) {
            var out = CANONICAL.createArrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }
}
