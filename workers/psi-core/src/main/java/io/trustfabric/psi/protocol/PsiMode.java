package io.trustfabric.psi.protocol;

import java.util.Arrays;

/** What a partner may learn: only the size of the intersection, or the intersecting items. */
public enum PsiMode {
    /** PSI cardinality: the server shuffles its answer, so the partner learns only how many items match. */
    PSI_CA("psi-ca"),
    /** PSI: the server answers in request order, so the partner learns which of its items match. */
    PSI("psi");

    private final String wireName;

    PsiMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in configuration, URLs and metrics: {@code psi-ca} or {@code psi}. */
    public String wireName() {
        return wireName;
    }

    public static PsiMode fromWireName(String name) {
        return Arrays.stream(values())
                .filter(m -> m.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown PSI mode '" + name + "', expected psi-ca or psi"));
    }
}
