package io.trustfabric.psi.group;

import java.util.Arrays;

/** A secret scalar, 32 bytes little-endian. Never logged: {@link #toString()} hides the value. */
public final class Scalar {
    private final byte[] littleEndian;

    public Scalar(byte[] littleEndian) {
        if (littleEndian.length != 32) {
            throw new IllegalArgumentException("a scalar is 32 bytes, got " + littleEndian.length);
        }
        this.littleEndian = littleEndian.clone();
    }

    public byte[] toBytes() {
        return littleEndian.clone();
    }

    /** Internal access without a copy, for the group implementation's hot path. */
    byte[] bytesNoCopy() {
        return littleEndian;
    }

    public void destroy() {
        Arrays.fill(littleEndian, (byte) 0);
    }

    @Override
    public String toString() {
        return "Scalar[hidden]";
    }
}
