package io.trustfabric.operator.causal;

import io.trustfabric.api.v1alpha1.RevisionSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** Ids and comparisons of {@link RevisionSet}s. */
public final class RevisionSets {

    private RevisionSets() {
    }

    /**
     * {@code rev-} and 12 hex digits of the SHA-256 over the parts in a fixed order: equal sets, equal ids, so a
     * decision's or receipt's reference finds its set in the journal's changes.
     */
    public static String id(RevisionSet set) {
        StringBuilder text = new StringBuilder();
        for (RevisionPart part : RevisionPart.values()) {
            text.append(part.key()).append('=').append(Objects.toString(part.of(set), "")).append('\n');
        }
        return "rev-" + sha256(text.toString()).substring(0, 12);
    }

    /** The parts whose values differ, in {@link RevisionPart} order. */
    public static List<RevisionPart> changed(RevisionSet before, RevisionSet after) {
        List<RevisionPart> out = new ArrayList<>();
        for (RevisionPart part : RevisionPart.values()) {
            if (!Objects.equals(part.of(before), part.of(after))) {
                out.add(part);
            }
        }
        return out;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A digest shortened for sentences: {@code sha256:1a2b3c4d…}. */
    public static String shortValue(String value) {
        if (value == null) {
            return "(none)";
        }
        return value.startsWith("sha256:") && value.length() > 19 ? value.substring(0, 19) + "…" : value;
    }
}
