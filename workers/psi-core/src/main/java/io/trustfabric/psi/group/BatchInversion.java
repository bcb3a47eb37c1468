package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.Field25519.*;

/**
 * Montgomery's trick: inverts n field elements with one field inversion and 3(n - 1) multiplications.
 * All inputs must be non-zero (a zero would zero the shared product); callers check that first.
 */
final class BatchInversion {

    private BatchInversion() {
    }

    /** Replaces every {@code values[i]} by its inverse. */
    static void invertAll(long[][] values) {
        int n = values.length;
        if (n == 0) {
            return;
        }
        long[][] prefix = new long[n][];
        prefix[0] = values[0].clone();
        for (int i = 1; i < n; i++) {
            prefix[i] = create();
            mul(prefix[i - 1], values[i], prefix[i]);
        }
        long[] inverse = create();
        inv(prefix[n - 1], inverse);          // (v0 v1 ... v_{n-1})^-1
        long[] t = create();
        for (int i = n - 1; i > 0; i--) {
            mul(inverse, prefix[i - 1], t);   // v_i^-1
            mul(inverse, values[i], inverse); // (v0 ... v_{i-1})^-1
            copy(t, values[i]);
        }
        copy(inverse, values[0]);
    }
}
