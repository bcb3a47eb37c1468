package io.trustfabric.operator.whatif.golden;

import io.trustfabric.psi.protocol.Normalization;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A data set's items as the worker sees them: distinct after normalization, each kept with its SHA-256, in the order
 * of the source. Counts and digests are all that ever leaves this class.
 */
public final class NormalizedItems {

    private final Normalization normalization;
    /** SHA-256 of the normalized form → the first source item with that form. */
    private final Map<ByteBuffer, String> byHash;

    private NormalizedItems(Normalization normalization, Map<ByteBuffer, String> byHash) {
        this.normalization = normalization;
        this.byHash = byHash;
    }

    public static NormalizedItems of(List<String> items, Normalization normalization) {
        Map<ByteBuffer, String> byHash = new LinkedHashMap<>();
        for (String item : items) {
            byHash.putIfAbsent(hash(normalization, item), item);
        }
        return new NormalizedItems(normalization, byHash);
    }

    public Normalization normalization() {
        return normalization;
    }

    public int size() {
        return byHash.size();
    }

    /** One source item per distinct normalized form, in source order. */
    public List<String> distinctItems() {
        return new ArrayList<>(byHash.values());
    }

    /** Whether an item equal to {@code item} after normalization is in the set. */
    public boolean containsNormalized(String item) {
        return byHash.containsKey(hash(normalization, item));
    }

    /** Items this set has that {@code other} has not, compared by normalized form. */
    public long countNotIn(NormalizedItems other) {
        return byHash.keySet().stream().filter(h -> !other.byHash.containsKey(h)).count();
    }

    /** {@code sha256:} over the sorted SHA-256s of the normalized items: equal sets give equal digests. */
    public String digest() {
        Set<String> sorted = new TreeSet<>();
        byHash.keySet().forEach(h -> sorted.add(HexFormat.of().formatHex(h.array())));
        MessageDigest digest = sha256();
        sorted.forEach(hex -> digest.update(HexFormat.of().parseHex(hex)));
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    static ByteBuffer hash(Normalization normalization, String item) {
        return ByteBuffer.wrap(sha256().digest(normalization.apply(item)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "NormalizedItems[" + byHash.size() + " items, " + normalization.configName() + "]";
    }
}
