package io.trustfabric.worker.access;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.worker.auth.ApiKeyHash;
import io.trustfabric.worker.ratelimit.Rate;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Reads the effective allowlist document (docs/control-api.md). A document with any invalid entry is
 * refused as a whole ({@link InvalidAllowlistException}); the caller keeps its previous document.
 * Error messages name the partner and field, never a credential value.
 */
public final class AllowlistParser {
    private AllowlistParser() {
    }

    public static PartnerAllowlist parse(String json) {
        try {
            return parse(new JsonObject(json));
        } catch (DecodeException e) {
            throw new InvalidAllowlistException("the partners document is not valid JSON");
        }
    }

    public static PartnerAllowlist parse(JsonObject document) {
        Object list = document.getValue("partners");
        if (!(list instanceof JsonArray array)) {
            throw new InvalidAllowlistException("the partners document has no 'partners' list");
        }
        return new PartnerAllowlist(document.getString("revision", ""), partners(array));
    }

    /** A plain list of partner entries (the static {@code partners.static} list of worker.json). */
    public static List<Partner> partners(JsonArray array) {
        List<Partner> partners = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject entry)) {
                throw new InvalidAllowlistException("partners[" + i + "] must be an object");
            }
            Partner partner = partner(entry, i);
            if (!ids.add(partner.id())) {
                throw new InvalidAllowlistException("partner '" + partner.id() + "' is listed twice");
            }
            partners.add(partner);
        }
        return partners;
    }

    private static Partner partner(JsonObject json, int index) {
        String id = json.getValue("id") instanceof String s && !s.isBlank() ? s : null;
        if (id == null) {
            throw new InvalidAllowlistException("partners[" + index + "].id is required");
        }
        try {
            return new Partner(id, json.getString("displayName", id), json.getString("region", ""),
                    modes(json.getJsonArray("modes", new JsonArray())), flags(json.getJsonArray("contractFlags", new JsonArray())),
                    expires(json.getString("expires")), rate(json.getJsonObject("rate")),
                    apiKey(json.getJsonObject("apiKey")), subject(json.getJsonObject("clientCertificate")));
        } catch (ClassCastException | IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidAllowlistException("partner '" + id + "': " + safeMessage(e));
        }
    }

    private static Set<PsiMode> modes(JsonArray names) {
        Set<PsiMode> modes = EnumSet.noneOf(PsiMode.class);
        for (Object name : names) {
            modes.add(PsiMode.fromWireName((String) name));
        }
        return Set.copyOf(modes);
    }

    private static List<String> flags(JsonArray names) {
        List<String> flags = new ArrayList<>();
        for (Object name : names) {
            flags.add((String) name);
        }
        return List.copyOf(flags);
    }

    private static Instant expires(String text) {
        return text == null ? null : Instant.parse(text);
    }

    public static Rate rate(JsonObject json) {
        if (json == null) {
            return null;
        }
        Number perSecond = json.getNumber("requestsPerSecond");
        Number burst = json.getNumber("burst");
        if (perSecond == null) {
            throw new IllegalArgumentException("rate.requestsPerSecond is required");
        }
        return new Rate(perSecond.doubleValue(),
                burst == null ? (int) Math.max(1, Math.ceil(perSecond.doubleValue())) : burst.intValue());
    }

    private static ApiKeyHash apiKey(JsonObject json) {
        if (json == null) {
            return null;
        }
        String salt = json.getString("salt");
        String sha256 = json.getString("sha256");
        if (salt == null || sha256 == null) {
            throw new IllegalArgumentException("apiKey needs salt and sha256");
        }
        try {
            return ApiKeyHash.fromBase64(salt, sha256);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("apiKey.salt and apiKey.sha256 must be base64 (sha256: 32 bytes)");
        }
    }

    private static String subject(JsonObject json) {
        if (json == null) {
            return null;
        }
        String subject = json.getString("subject");
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("clientCertificate.subject is required");
        }
        new X500Principal(subject); // validates the distinguished name
        return subject;
    }

    private static String safeMessage(RuntimeException e) {
        return e instanceof ClassCastException ? "a field has the wrong type" : e.getMessage();
    }
}
