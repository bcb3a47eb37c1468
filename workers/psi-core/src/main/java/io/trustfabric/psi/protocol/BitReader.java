package io.trustfabric.psi.protocol;

/** Reads bits most-significant first; running past the end is a malformed-input error. */
final class BitReader {
    private final byte[] data;
    private final long bitLength;
    private long position;

    BitReader(byte[] data, int offset) {
        this.data = data;
        this.bitLength = (long) data.length * 8;
        this.position = (long) offset * 8;
    }

    int readBit() {
        if (position >= bitLength) {
            throw new IllegalArgumentException("compressed set ends early");
        }
        int bit = (data[(int) (position >>> 3)] >>> (7 - (position & 7))) & 1;
        position++;
        return bit;
    }

    long readBits(int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = (value << 1) | readBit();
        }
        return value;
    }

    /** Bits left before the end of the data. */
    long remaining() {
        return bitLength - position;
    }
}
