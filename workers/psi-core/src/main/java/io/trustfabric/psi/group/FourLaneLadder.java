package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.FourLaneField25519.*;

import java.util.Arrays;

/**
 * Four Montgomery ladders in lockstep, one per vector lane, all by the SAME scalar (the PSI key): the x-only
 * ladder of RFC 7748 section 5 over all 256 bits of an unclamped scalar, on {@link FourLaneField25519}. Because
 * the scalar is shared, the conditional swap is the same in every lane (one 0.0/1.0 factor, no per-lane masks),
 * and every bit costs the same operations: the running time does not depend on the scalar or the points.
 * Same results as {@link MontgomeryLadder#multiply}, four at a time. One instance per thread, never shared.
 */
final class FourLaneLadder {

    static final int LANES = FourLaneField25519.LANES;
    /** Fills the lanes of a short group (its products are dropped): the base point u = 9. */
    private static final long[] PADDING_U = Field25519.constant(9);

    private final double[] x1 = create();
    private final double[] x2 = create();
    private final double[] z2 = create();
    private final double[] x3 = create();
    private final double[] z3 = create();
    private final double[] a = create();
    private final double[] b = create();
    private final double[] c = create();
    private final double[] d = create();
    private final double[] da = create();
    private final double[] cb = create();
    private final double[] aa = create();
    private final double[] bb = create();
    private final double[] e = create();
    private final double[] t = create();
    private final long[] canonical = Field25519.create();

    /**
     * Projective results (x[j] : z[j]) = scalar * u[j] for the four lanes j (Field25519 limbs, reduced, not
     * normalized). Each {@code u[j]} may be any field element; {@code z[j]} is zero exactly for the identity.
     */
    void multiply(byte[] scalar, long[][] u, long[][] x, long[][] z) {
        multiply(scalar, u, x, z, 0, LANES);
    }

    /**
     * The same for the elements {@code from .. from + min(count, 4) - 1} of the arrays; when fewer than four are
     * left, the other lanes multiply {@link #PADDING_U} and their results are dropped.
     */
    void multiply(byte[] scalar, long[][] u, long[][] x, long[][] z, int from, int count) {
        int used = Math.min(count, LANES);
        for (int lane = 0; lane < LANES; lane++) {
            Field25519.copy(lane < used ? u[from + lane] : PADDING_U, canonical);
            Field25519.normalize(canonical);
            fromCanonical(canonical, x1, lane);
        }
        ladder(scalar);
        for (int lane = 0; lane < used; lane++) {
            toField(x2, lane, x[from + lane]);
            toField(z2, lane, z[from + lane]);
        }
    }

    private void ladder(byte[] scalar) {
        start();
        double swap = 0;
        for (int bit = 255; bit >= 0; bit--) {
            int kt = (scalar[bit >>> 3] >>> (bit & 7)) & 1;
            ladderInputs(Math.abs(swap - kt), x2, z2, x3, z3, a, b, c, d);   // swap when the bit changes
            swap = kt;
            step();
        }
        cswap(swap, x2, x3);
        cswap(swap, z2, z3);
    }

    /** (x2 : z2) = (1 : 0), the identity; (x3 : z3) = (x1 : 1). */
    private void start() {
        Arrays.fill(x2, 0);
        Arrays.fill(z2, 0);
        Arrays.fill(z3, 0);
        System.arraycopy(x1, 0, x3, 0, SIZE);
        for (int lane = 0; lane < LANES; lane++) {
            x2[lane] = 1;
            z3[lane] = 1;
        }
    }

    /** The rest of the combined differential addition and doubling after {@link FourLaneField25519#ladderInputs}. */
    private void step() {
        mul(d, a, da);               // DA
        mul(c, b, cb);               // CB
        sqr(a, aa);                  // AA
        sqr(b, bb);                  // BB
        mul(aa, bb, x2);             // x2 = AA BB
        ladderE(aa, bb, e, t);       // E = AA - BB, t = AA + a24 E
        mul(e, t, z2);               // z2 = E (AA + a24 E)
        addSub(da, cb, x3, z3);
        sqr(x3, x3);                 // (DA + CB)^2
        sqr(z3, z3);
        mul(z3, x1, z3);             // x1 (DA - CB)^2
    }
}
