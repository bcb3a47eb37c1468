package io.trustfabric.psi.protocol;

import java.util.Arrays;

/** The evaluated elements themselves, sorted (unsigned lexicographic) and de-duplicated: exact membership. */
final class ExactElementSet implements ServerSetDigest {
    private final PackedElements sorted;
    private final int itemCount;

    private ExactElementSet(PackedElements sorted, int itemCount) {
        this.sorted = sorted;
        this.itemCount = itemCount;
    }

    static ExactElementSet of(PackedElements elements) {
        byte[][] copies = new byte[elements.count()][];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = elements.get(i);
        }
        Arrays.sort(copies, Arrays::compareUnsigned);
        int width = elements.width();
        byte[] packed = new byte[copies.length * width];
        int distinct = 0;
        for (int i = 0; i < copies.length; i++) {
            if (i == 0 || !Arrays.equals(copies[i], copies[i - 1])) {
                System.arraycopy(copies[i], 0, packed, distinct++ * width, width);
            }
        }
        return new ExactElementSet(new PackedElements(Arrays.copyOf(packed, distinct * width), width),
                elements.count());
    }

    static ExactElementSet parse(byte[] payload, int itemCount, int width) {
        if (payload.length % width != 0) {
            throw new IllegalArgumentException("exact setup: payload of " + payload.length
                    + " bytes is not a whole number of " + width + "-byte elements");
        }
        PackedElements elements = new PackedElements(payload, width);
        if (elements.count() > itemCount) {
            throw new IllegalArgumentException("exact setup: " + elements.count()
                    + " elements but only " + itemCount + " items announced");
        }
        for (int i = 1; i < elements.count(); i++) {
            if (elements.compareAt(i, elements.get(i - 1)) <= 0) {
                throw new IllegalArgumentException("exact setup: elements are not strictly sorted at index " + i);
            }
        }
        return new ExactElementSet(elements, itemCount);
    }

    @Override
    public SetupEncoding encoding() {
        return SetupEncoding.EXACT;
    }

    @Override
    public int itemCount() {
        return itemCount;
    }

    @Override
    public boolean mightContain(byte[] element) {
        int low = 0;
        int high = sorted.count() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = sorted.compareAt(mid, element);
            if (cmp == 0) {
                return true;
            } else if (cmp < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return false;
    }

    @Override
    public byte[] payload() {
        return sorted.bytes().clone();
    }
}
