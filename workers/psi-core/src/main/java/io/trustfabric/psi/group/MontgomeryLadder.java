package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.Field25519.*;

/**
 * The x-only Montgomery ladder of RFC 7748 section 5 over all 256 bits of an UNCLAMPED little-endian scalar.
 * Every bit costs the same field operations and the swap is a constant-time mask, so the running time does
 * not depend on the scalar. The instance holds reusable scratch limbs: one per thread, never shared.
 */
final class MontgomeryLadder {

    private final long[] x1 = create();
    private final long[] x2 = create();
    private final long[] z2 = create();
    private final long[] x3 = create();
    private final long[] z3 = create();
    private final long[] a = create();
    private final long[] b = create();
    private final long[] c = create();
    private final long[] d = create();
    private final long[] aa = create();
    private final long[] bb = create();
    private final long[] e = create();
    private final long[] t = create();

    /**
     * Projective result (x : z) of scalar * u. {@code z} is zero exactly when the result is the identity.
     * {@code u} may be any field element (points on the twist work too: validation is the caller's job).
     */
    void multiply(byte[] scalar, long[] u, long[] outX, long[] outZ) {
        copy(u, x1);
        one(x2);
        zero(z2);
        copy(u, x3);
        one(z3);
        int swap = 0;
        for (int bit = 255; bit >= 0; bit--) {
            int kt = (scalar[bit >>> 3] >>> (bit & 7)) & 1;
            swap ^= kt;
            cswap(swap, x2, x3);
            cswap(swap, z2, z3);
            swap = kt;
            step();
        }
        cswap(swap, x2, x3);
        cswap(swap, z2, z3);
        copy(x2, outX);
        copy(z2, outZ);
    }

    /** Affine, normalized result of scalar * u; zero when the result is the identity. */
    void multiplyAffine(byte[] scalar, long[] u, long[] out) {
        multiply(scalar, u, out, t);
        inv(t, t);
        mul(out, t, out);
        normalize(out);
    }

    /** One combined differential addition and doubling: (x2, z2) = 2 P2, (x3, z3) = P2 + P3. */
    private void step() {
        apm(x2, z2, a, b);        // A = x2 + z2, B = x2 - z2
        apm(x3, z3, c, d);        // C = x3 + z3, D = x3 - z3
        mul(d, a, d);             // DA
        mul(c, b, c);             // CB
        sqr(a, aa);
        sqr(b, bb);
        mul(aa, bb, x2);
        sub(aa, bb, e);           // E = AA - BB
        mulSmall(e, LADDER_A24, t);
        add(t, aa, t);
        mul(e, t, z2);            // E (AA + a24 E)
        apm(d, c, x3, z3);
        sqr(x3, x3);              // (DA + CB)^2
        sqr(z3, z3);
        mul(z3, x1, z3);          // x1 (DA - CB)^2
    }
}
