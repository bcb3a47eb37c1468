package io.trustfabric.psi.protocol;

import java.util.Arrays;

/** How the server's evaluated set is published in the setup message. */
public enum SetupEncoding {
    /** The sorted evaluated elements themselves: exact answers, largest setup. */
    EXACT("exact", 1),
    /** A Golomb-compressed set of 64-bit hashes: smallest setup, false positives at the configured rate. */
    GCS("gcs", 2),
    /** A Bloom filter: fast to query, false positives at the configured rate. */
    BLOOM("bloom", 3);

    private final String configName;
    private final int wireCode;

    SetupEncoding(String configName, int wireCode) {
        this.configName = configName;
        this.wireCode = wireCode;
    }

    public String configName() {
        return configName;
    }

    public int wireCode() {
        return wireCode;
    }

    /** Builds this encoding of {@code elements}; {@code falsePositiveRate} is ignored by {@link #EXACT}. */
    public ServerSetDigest build(PackedElements elements, double falsePositiveRate) {
        return switch (this) {
            case EXACT -> ExactElementSet.of(elements);
            case GCS -> GolombCompressedSet.of(elements, falsePositiveRate);
            case BLOOM -> BloomFilterSet.of(elements, falsePositiveRate);
        };
    }

    /** Reads a payload written by {@link ServerSetDigest#payload()}; throws {@link IllegalArgumentException} if malformed. */
    public ServerSetDigest parse(byte[] payload, int itemCount, int elementWidth) {
        return switch (this) {
            case EXACT -> ExactElementSet.parse(payload, itemCount, elementWidth);
            case GCS -> GolombCompressedSet.parse(payload, itemCount);
            case BLOOM -> BloomFilterSet.parse(payload, itemCount);
        };
    }

    public static SetupEncoding fromConfigName(String name) {
        return Arrays.stream(values())
                .filter(e -> e.configName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown setup encoding '" + name + "', expected gcs, bloom or exact"));
    }

    public static SetupEncoding fromWireCode(int code) {
        return Arrays.stream(values())
                .filter(e -> e.wireCode == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown setup encoding code " + code));
    }
}
