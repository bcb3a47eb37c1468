package io.trustfabric.psi.receipt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The head of one lease's receipt chain as the worker states it at {@code time}: the lease has {@code seq}
 * receipts and the newest has hash {@code hash} ({@link Receipt#GENESIS} and 0 before the first). Signed with the
 * same tenant key as the receipts, it lets a partner see whether its file ends where the chain ends; a file
 * alone cannot show that its last receipts were removed. Its canonical JSON starts with
 * {@code "kind":"chain-head"}, so a head never parses as a receipt nor a receipt as a head.
 */
public record ChainHead(String tenant, String partner, String budget, String leaseId, long epoch, long sequence,
                        String hash, Instant time, String keyId) {
    public static final String KIND = "chain-head";

    public ChainHead {
        for (String value : new String[] {tenant, partner, budget, leaseId, hash, keyId}) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("tenant, partner, budget, leaseId, hash and keyId are required");
            }
        }
        if (sequence < 0 || time == null) {
            throw new IllegalArgumentException("seq must not be negative and time is required");
        }
    }

    public String canonicalJson() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("v", Receipt.FORMAT_VERSION);
        members.put("kind", KIND);
        members.put("tenant", tenant);
        members.put("partner", partner);
        members.put("budget", budget);
        members.put("leaseId", leaseId);
        members.put("epoch", epoch);
        members.put("seq", sequence);
        members.put("hash", hash);
        members.put("time", time.toString());
        members.put("keyId", keyId);
        return CanonicalJson.encode(members);
    }

    public byte[] canonicalBytes() {
        return canonicalJson().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses canonical chain-head JSON; anything else is refused. */
    public static ChainHead parse(String json) {
        Map<String, Object> m = CanonicalJson.decode(json);
        if (!Long.valueOf(Receipt.FORMAT_VERSION).equals(m.get("v")) || !KIND.equals(m.get("kind"))) {
            throw new IllegalArgumentException("not a version " + Receipt.FORMAT_VERSION + " chain head");
        }
        try {
            ChainHead head = new ChainHead(CanonicalJson.text(m, "tenant"), CanonicalJson.text(m, "partner"), CanonicalJson.text(m, "budget"), CanonicalJson.text(m, "leaseId"),
                    CanonicalJson.number(m, "epoch"), CanonicalJson.number(m, "seq"), CanonicalJson.text(m, "hash"), Instant.parse(CanonicalJson.text(m, "time")), CanonicalJson.text(m, "keyId"));
            if (!head.canonicalJson().equals(json)) {
                throw new IllegalArgumentException("members are not the chain head's members in canonical order");
            }
            return head;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant");
        }
    }
}
