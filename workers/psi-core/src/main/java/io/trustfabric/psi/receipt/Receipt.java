package io.trustfabric.psi.receipt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one charged answer spent, as the worker signs it. Amounts are integers in micro-epsilon
 * (1 epsilon = 1,000,000). {@code sequence} counts the receipts of one lease from 1; {@code previousHash}
 * is the {@link SignedReceipt#hash()} of the lease's previous receipt ({@link #GENESIS} for the first).
 *
 * @param remainingAfterMicroEpsilon an upper bound of what the budget has left after this charge
 */
public record Receipt(
        String tenant,
        String partner,
        String budget,
        String leaseId,
        long epoch,
        long sequence,
        String queryId,
        String mode,
        long elements,
        long costMicroEpsilon,
        long remainingAfterMicroEpsilon,
        Instant time,
        String keyId,
        String previousHash) {

    public static final int FORMAT_VERSION = 1;
    public static final String GENESIS = "sha256:" + "0".repeat(64);

    public Receipt {
        requireText("tenant", tenant);
        requireText("partner", partner);
        requireText("budget", budget);
        requireText("leaseId", leaseId);
        requireText("queryId", queryId);
        requireText("mode", mode);
        requireText("keyId", keyId);
        requireText("previousHash", previousHash);
        if (time == null) {
            throw new IllegalArgumentException("time is required");
        }
        if (epoch < 0 || sequence < 1 || elements < 0 || costMicroEpsilon < 0 || remainingAfterMicroEpsilon < 0) {
            throw new IllegalArgumentException("epoch, elements and amounts must not be negative; sequence starts at 1");
        }
    }

    /** The exact bytes that are signed and hashed. */
    public byte[] canonicalBytes() {
        return canonicalJson().getBytes(StandardCharsets.UTF_8);
    }

    public String canonicalJson() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("v", (long) FORMAT_VERSION);
        members.put("tenant", tenant);
        members.put("partner", partner);
        members.put("budget", budget);
        members.put("leaseId", leaseId);
        members.put("epoch", epoch);
        members.put("seq", sequence);
        members.put("queryId", queryId);
        members.put("mode", mode);
        members.put("elements", elements);
        members.put("costMicroEpsilon", costMicroEpsilon);
        members.put("remainingAfterMicroEpsilon", remainingAfterMicroEpsilon);
        members.put("time", time.toString());
        members.put("keyId", keyId);
        members.put("prev", previousHash);
        return CanonicalJson.encode(members);
    }

    /** Parses canonical receipt JSON; anything else (other members, order, spacing) is refused. */
    public static Receipt parse(String json) {
        Map<String, Object> m = CanonicalJson.decode(json);
        if (!Long.valueOf(FORMAT_VERSION).equals(m.get("v"))) {
            throw new IllegalArgumentException("unsupported receipt version " + m.get("v"));
        }
        try {
            Receipt receipt = new Receipt(CanonicalJson.text(m, "tenant"), CanonicalJson.text(m, "partner"), CanonicalJson.text(m, "budget"), CanonicalJson.text(m, "leaseId"),
                    CanonicalJson.number(m, "epoch"), CanonicalJson.number(m, "seq"), CanonicalJson.text(m, "queryId"), CanonicalJson.text(m, "mode"), CanonicalJson.number(m, "elements"),
                    CanonicalJson.number(m, "costMicroEpsilon"), CanonicalJson.number(m, "remainingAfterMicroEpsilon"),
                    Instant.parse(CanonicalJson.text(m, "time")), CanonicalJson.text(m, "keyId"), CanonicalJson.text(m, "prev"));
            if (!receipt.canonicalJson().equals(json)) {
                throw new IllegalArgumentException("members are not the receipt's members in canonical order");
            }
            return receipt;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant");
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
