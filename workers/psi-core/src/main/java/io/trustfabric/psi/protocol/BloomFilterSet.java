package io.trustfabric.psi.protocol;

import java.nio.ByteBuffer;

/**
 * A Bloom filter over the evaluated elements, sized for the configured false-positive rate p:
 * m = ceil(-n·ln p / ln²2) bits and k = round(m/n · ln 2) probes, probe i at (h1 + i·h2) mod m,
 * where h1 and h2 are the first two 64-bit words of SHA-256(element).
 *
 * <p>Payload: k (4 bytes), m (8 bytes), then the m bits in ceil(m/8) bytes, bit j at byte j/8, mask 1 << (j % 8).
 */
final class BloomFilterSet implements ServerSetDigest {
    private static final int HEADER_BYTES = Integer.BYTES + Long.BYTES;
    private static final int MAX_PROBES = 64;
    private static final long MAX_BITS = (long) Integer.MAX_VALUE * 8 - 64;

    private final int probes;
    private final long bitCount;
    private final int itemCount;
    private final byte[] bits;

    private BloomFilterSet(int probes, long bitCount, int itemCount, byte[] bits) {
        this.probes = probes;
        this.bitCount = bitCount;
        this.itemCount = itemCount;
        this.bits = bits;
    }

    static BloomFilterSet of(PackedElements elements, double falsePositiveRate) {
        if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
            throw new IllegalArgumentException("false-positive rate must be in (0, 1), got " + falsePositiveRate);
        }
        int n = Math.max(1, elements.count());
        double ln2 = Math.log(2);
        long m = Math.max(64, (long) Math.ceil(-n * Math.log(falsePositiveRate) / (ln2 * ln2)));
        if (m > MAX_BITS) {
            throw new IllegalArgumentException("Bloom filter for " + n + " items at rate " + falsePositiveRate
                    + " would exceed 2 GiB");
        }
        int k = (int) Math.max(1, Math.min(MAX_PROBES, Math.round((double) m / n * ln2)));
        BloomFilterSet filter = new BloomFilterSet(k, m, elements.count(), new byte[(int) ((m + 7) / 8)]);
        for (int i = 0; i < elements.count(); i++) {
            filter.add(elements.get(i));
        }
        return filter;
    }

    static BloomFilterSet parse(byte[] payload, int itemCount) {
        if (payload.length < HEADER_BYTES) {
            throw new IllegalArgumentException("bloom setup: payload shorter than its header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        int k = buffer.getInt();
        long m = buffer.getLong();
        if (k < 1 || k > MAX_PROBES) {
            throw new IllegalArgumentException("bloom setup: " + k + " probes, expected 1.." + MAX_PROBES);
        }
        if (m < 1 || m > MAX_BITS || (m + 7) / 8 != payload.length - HEADER_BYTES) {
            throw new IllegalArgumentException("bloom setup: bit count " + m + " does not match the payload");
        }
        byte[] bits = new byte[payload.length - HEADER_BYTES];
        buffer.get(bits);
        return new BloomFilterSet(k, m, itemCount, bits);
    }

    private void add(byte[] element) {
        long[] h = ElementHash.twoWords(element);
        for (int i = 0; i < probes; i++) {
            long bit = probe(h, i);
            bits[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
    }

    private long probe(long[] h, int i) {
        return Long.remainderUnsigned(h[0] + i * h[1], bitCount);
    }

    @Override
    public SetupEncoding encoding() {
        return SetupEncoding.BLOOM;
    }

    @Override
    public int itemCount() {
        return itemCount;
    }

    @Override
    public boolean mightContain(byte[] element) {
        long[] h = ElementHash.twoWords(element);
        for (int i = 0; i < probes; i++) {
            long bit = probe(h, i);
            if ((bits[(int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public byte[] payload() {
        return ByteBuffer.allocate(HEADER_BYTES + bits.length).putInt(probes).putLong(bitCount).put(bits).array();
    }
}
