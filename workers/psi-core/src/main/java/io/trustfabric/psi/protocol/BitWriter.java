package io.trustfabric.psi.protocol;

import java.util.Arrays;

/** Appends bits most-significant first into a growing byte array. */
final class BitWriter {
    private byte[] buffer = new byte[64];
    private long bitLength;

    void writeBit(int bit) {
        int index = (int) (bitLength >>> 3);
        if (index == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        if (bit != 0) {
            buffer[index] |= (byte) (0x80 >>> (bitLength & 7));
        }
        bitLength++;
    }

    /** Writes the low {@code count} bits of {@code value}, most significant first. */
    void writeBits(long value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            writeBit((int) (value >>> i) & 1);
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, (int) ((bitLength + 7) >>> 3));
    }
}
