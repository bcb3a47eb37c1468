package io.trustfabric.psi.protocol;

import java.util.Random;

/** Fisher-Yates shuffle of packed elements in place; every permutation equally likely given a uniform source. */
public final class SecureShuffle {
    private SecureShuffle() {
    }

    /** Shuffles {@code elements} in place; pass a {@link java.security.SecureRandom} in production. */
    public static void shuffle(PackedElements elements, Random random) {
        byte[] data = elements.bytes();
        int width = elements.width();
        byte[] swap = new byte[width];
        for (int i = elements.count() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            if (j != i) {
                System.arraycopy(data, i * width, swap, 0, width);
                System.arraycopy(data, j * width, data, i * width, width);
                System.arraycopy(swap, 0, data, j * width, width);
            }
        }
    }
}
