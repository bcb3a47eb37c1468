package io.trustfabric.operator.allowlist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.Partner;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.RateLimit;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The effective allowlist of a tenant as docs/control-api.md defines it: rendered into the ConfigMap
 * {@code <tenant>-psi-partners} and served at {@code GET .../partners}. Same evaluation, same bytes: there is no
 * timestamp in it, and {@code revision} is the SHA-256 of the partner list, so it doubles as the ETag.
 *
 * @param json     the document
 * @param revision {@code sha256:<hex>} over the canonical partner list
 */
public record PartnersDocument(String json, String revision) {

    public static final String KEY = "partners.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static PartnersDocument render(AllowlistEvaluation evaluation) {
        ArrayNode partners = MAPPER.createArrayNode();
        evaluation.served().forEach(verdict -> partners.add(entry(verdict)));
        String revision;
        try {
            revision = "sha256:" + HexFormat.of().formatHex(
                    ApiKeyHash.sha256(MAPPER.writeValueAsString(partners).getBytes(StandardCharsets.UTF_8)));
            ObjectNode root = MAPPER.createObjectNode();
            root.put("tenant", evaluation.namespace() + "/" + evaluation.tenant());
            root.put("revision", revision);
            root.set("partners", partners);
            return new PartnersDocument(PRETTY.writeValueAsString(root) + "\n", revision);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode entry(PartnerVerdict verdict) {
        Partner partner = verdict.partner();
        ObjectNode entry = MAPPER.createObjectNode();
        entry.put("id", partner.getId());
        putIfSet(entry, "displayName", partner.getDisplayName());
        putIfSet(entry, "region", partner.getRegion());
        ArrayNode modes = entry.putArray("modes");
        verdict.modes().stream().map(QueryMode::wireName).forEach(modes::add);
        ArrayNode flags = entry.putArray("contractFlags");
        (partner.getContractFlags() == null ? List.<String>of() : partner.getContractFlags()).forEach(flags::add);
        if (verdict.expires() != null) {
            entry.put("expires", verdict.expires().toString());
        }
        RateLimit rate = partner.getRate();
        if (rate != null && rate.getRequestsPerSecond() != null) {
            ObjectNode node = entry.putObject("rate");
            node.put("requestsPerSecond", rate.getRequestsPerSecond());
            node.put("burst", rate.getBurst() == null ? rate.getRequestsPerSecond() : rate.getBurst());
        }
        if (verdict.apiKeyHash() != null) {
            ObjectNode key = entry.putObject("apiKey");
            key.put("salt", verdict.apiKeyHash().saltBase64());
            key.put("sha256", verdict.apiKeyHash().sha256Base64());
        } else {
            entry.putObject("clientCertificate").put("subject",
                    partner.getCredentials().getClientCertificate().getSubject());
        }
        return entry;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }
}
