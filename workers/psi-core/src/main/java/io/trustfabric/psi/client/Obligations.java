package io.trustfabric.psi.client;

import io.trustfabric.psi.json.JsonCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the tenant's policy obliges the client to do with an answer: the {@code X-TrustFabric-Obligations} header
 * (a JSON array of flat objects with a {@code type}). The only type the client knows is
 * {@code suppress-count-below} with {@code k}: a PSI-CA count below k is reported as "fewer than k".
 */
public record Obligations(List<Map<String, String>> entries) {
    public static final String HEADER = "X-TrustFabric-Obligations";
    public static final String SUPPRESS_COUNT_BELOW = "suppress-count-below";
    public static final Obligations NONE = new Obligations(List.of());

    /**
     * Reads the header's value (null: none). A header the client cannot read is a protocol error: an obligation
     * must never be dropped silently.
     */
    public static Obligations parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        try {
            JsonCursor json = new JsonCursor(header);
            List<Map<String, String>> entries = new ArrayList<>();
            json.skipSpace();
            json.expect('[');
            json.skipSpace();
            if (!json.tryConsume(']')) {
                do {
                    json.skipSpace();
                    entries.add(Map.copyOf(ProblemDetails.FlatJsonReader.readMembers(json)));
                    json.skipSpace();
                } while (json.tryConsume(','));
                json.expect(']');
            }
            json.skipSpace();
            if (!json.atEnd()) {
                throw new IllegalArgumentException("trailing characters");
            }
            return new Obligations(List.copyOf(entries));
        } catch (IllegalArgumentException e) {
            throw new PsiProtocolException("the worker's " + HEADER + " header cannot be read: " + e.getMessage());
        }
    }

    /** The largest k of the {@code suppress-count-below} obligations, if any. */
    public OptionalInt suppressCountBelow() {
        OptionalInt k = OptionalInt.empty();
        for (Map<String, String> entry : entries) {
            if (SUPPRESS_COUNT_BELOW.equals(entry.get("type"))) {
                int value;
                try {
                    value = Integer.parseInt(entry.getOrDefault("k", ""));
                } catch (NumberFormatException e) {
                    throw new PsiProtocolException("a " + SUPPRESS_COUNT_BELOW + " obligation has no whole k: " + entry);
                }
                k = OptionalInt.of(Math.max(value, k.orElse(value)));
            }
        }
        return k;
    }
}
