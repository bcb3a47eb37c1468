package io.trustfabric.psi.protocol;

import java.util.Arrays;

/**
 * A sequence of fixed-width group elements stored back to back in one array, so large batches
 * cost one allocation instead of one per element.
 */
public final class PackedElements {
    private final byte[] data;
    private final int width;

    public PackedElements(byte[] data, int width) {
        if (width <= 0 || data.length % width != 0) {
            throw new IllegalArgumentException(
                    "packed elements: " + data.length + " bytes is not a multiple of the element width " + width);
        }
        this.data = data;
        this.width = width;
    }

    public static PackedElements allocate(int count, int width) {
        return new PackedElements(new byte[Math.multiplyExact(count, width)], width);
    }

    public int count() {
        return data.length / width;
    }

    public int width() {
        return width;
    }

    /** A copy of element {@code i}. */
    public byte[] get(int i) {
        int from = offset(i);
        return Arrays.copyOfRange(data, from, from + width);
    }

    public void set(int i, byte[] element) {
        if (element.length != width) {
            throw new IllegalArgumentException("element is " + element.length + " bytes, expected " + width);
        }
        System.arraycopy(element, 0, data, offset(i), width);
    }

    /** Unsigned lexicographic comparison of element {@code i} with {@code element}. */
    public int compareAt(int i, byte[] element) {
        int from = offset(i);
        return Arrays.compareUnsigned(data, from, from + width, element, 0, element.length);
    }

    /**
     * The first element that repeats an earlier one, as {@code {earlier, later}} indexes (the smallest such
     * {@code later}), or null if all elements are distinct. Byte equality: one hash-set pass, no copies.
     */
    public int[] firstRepeat() {
        java.util.Map<java.nio.ByteBuffer, Integer> seen = new java.util.HashMap<>(Math.max(16, count() * 2));
        for (int i = 0; i < count(); i++) {
            Integer earlier = seen.putIfAbsent(java.nio.ByteBuffer.wrap(data, i * width, width).slice(), i);
            if (earlier != null) {
                return new int[] {earlier, i};
            }
        }
        return null;
    }

    /** The backing array; callers must not modify it. */
    public byte[] bytes() {
        return data;
    }

    private int offset(int i) {
        if (i < 0 || i >= count()) {
            throw new IndexOutOfBoundsException("element " + i + " of " + count());
        }
        return i * width;
    }
}
