package io.trustfabric.psi.protocol;

import java.util.Arrays;

/**
 * A Golomb-compressed set: each element's SHA-256 is reduced to [0, n·2^k), the values are sorted and
 * their gaps Golomb-Rice coded with parameter k. Membership is exact on the reduced values, so the
 * false-positive rate is at most 2^-k, where k = ceil(log2(1 / falsePositiveRate)).
 *
 * <p>Payload: k (1 byte), then the bit stream: for each gap, (gap >> k) one-bits, a zero-bit, and the low k bits.
 */
final class GolombCompressedSet implements ServerSetDigest {
    static final int MAX_RICE_BITS = 32;

    private final int riceBits;
    private final int itemCount;
    private final long[] sortedValues;
    private final byte[] payload;

    private GolombCompressedSet(int riceBits, int itemCount, long[] sortedValues, byte[] payload) {
        this.riceBits = riceBits;
        this.itemCount = itemCount;
        this.sortedValues = sortedValues;
        this.payload = payload;
    }

    /** k for a target false-positive rate; rates below 2^-32 are rounded up to 2^-32. */
    static int riceBitsFor(double falsePositiveRate) {
        if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
            throw new IllegalArgumentException("false-positive rate must be in (0, 1), got " + falsePositiveRate);
        }
        int k = (int) Math.ceil(-Math.log(falsePositiveRate) / Math.log(2));
        return Math.max(1, Math.min(MAX_RICE_BITS, k));
    }

    static GolombCompressedSet of(PackedElements elements, double falsePositiveRate) {
        int k = riceBitsFor(falsePositiveRate);
        long range = range(elements.count(), k);
        long[] values = new long[elements.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ElementHash.reduce(ElementHash.firstWord(elements.get(i)), range);
        }
        Arrays.sort(values);
        BitWriter bits = new BitWriter();
        bits.writeBits(k, 8);
        long previous = 0;
        for (long value : values) {
            long gap = value - previous;
            for (long q = gap >>> k; q > 0; q--) {
                bits.writeBit(1);
            }
            bits.writeBit(0);
            bits.writeBits(gap, k);
            previous = value;
        }
        return new GolombCompressedSet(k, values.length, values, bits.toByteArray());
    }

    static GolombCompressedSet parse(byte[] payload, int itemCount) {
        if (payload.length < 1) {
            throw new IllegalArgumentException("gcs setup: empty payload");
        }
        int k = payload[0] & 0xff;
        if (k < 1 || k > MAX_RICE_BITS) {
            throw new IllegalArgumentException("gcs setup: Rice parameter " + k + " out of range 1.." + MAX_RICE_BITS);
        }
        if ((long) itemCount * (k + 1) > (long) (payload.length - 1) * 8) {
            throw new IllegalArgumentException("gcs setup: payload too short for " + itemCount + " items");
        }
        long range = range(itemCount, k);
        BitReader reader = new BitReader(payload, 1);
        long[] values = new long[itemCount];
        long previous = 0;
        for (int i = 0; i < itemCount; i++) {
            long quotient = 0;
            while (reader.readBit() == 1) {
                quotient++;
                if (quotient > range >>> k) {
                    throw new IllegalArgumentException("gcs setup: gap exceeds the set's range");
                }
            }
            previous += (quotient << k) | reader.readBits(k);
            if (previous >= range) {
                throw new IllegalArgumentException("gcs setup: value exceeds the set's range");
            }
            values[i] = previous;
        }
        if (reader.remaining() >= 8) {
            throw new IllegalArgumentException("gcs setup: trailing bytes after " + itemCount + " items");
        }
        return new GolombCompressedSet(k, itemCount, values, payload);
    }

    private static long range(int count, int k) {
        return Math.max(1L, (long) count) << k;
    }

    @Override
    public SetupEncoding encoding() {
        return SetupEncoding.GCS;
    }

    @Override
    public int itemCount() {
        return itemCount;
    }

    @Override
    public boolean mightContain(byte[] element) {
        long value = ElementHash.reduce(ElementHash.firstWord(element), range(itemCount, riceBits));
        return Arrays.binarySearch(sortedValues, value) >= 0;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    int riceBits() {
        return riceBits;
    }
}
