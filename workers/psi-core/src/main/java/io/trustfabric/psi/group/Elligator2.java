package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.Field25519.*;

import java.math.BigInteger;

/**
 * RFC 9380 map_to_curve_elligator2_curve25519 (Appendix G.2.1): a straight-line, constant-time map from a
 * field element to a point (xn / xd, y) on curve25519 in Montgomery coordinates. Holds scratch limbs:
 * one instance per thread.
 */
final class Elligator2 {

    private static final BigInteger C1 = P.add(BigInteger.valueOf(3)).shiftRight(3);
    /** c2 = 2^c1. */
    static final int[] C2 = constant(BigInteger.TWO.modPow(C1, P));
    /** c3 = sqrt(-1) = 2^((p-1)/4). */
    static final int[] SQRT_MINUS_ONE = constant(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P));
    private static final int[] J = constant(MONTGOMERY_A);
    private static final int[] MINUS_J = constant(P.subtract(BigInteger.valueOf(MONTGOMERY_A)));
    private static final int[] MINUS_ONE = constant(P.subtract(BigInteger.ONE));

    private final int[] tv1 = create();
    private final int[] tv2 = create();
    private final int[] tv3 = create();
    private final int[] x1n = create();
    private final int[] gxd = create();
    private final int[] gx1 = create();
    private final int[] y11 = create();
    private final int[] y12 = create();
    private final int[] y1 = create();
    private final int[] x2n = create();
    private final int[] y21 = create();
    private final int[] y22 = create();
    private final int[] gx2 = create();
    private final int[] y2 = create();
    private final int[] minusY = create();

    /** Writes x = xn / xd and y (with y's denominator 1) for the field element u. */
    void map(int[] u, int[] xn, int[] xd, int[] y) {

        sqr(u, tv1);
        add(tv1, tv1, tv1);
        copy(tv1, 0, xd, 0);
        addOne(xd);                          // xd = 1 + 2u^2, never zero
        carry(xd);
        copy(MINUS_J, 0, x1n, 0);            // x1 = -J / xd
        sqr(xd, tv2);
        mul(tv2, xd, gxd);                   // gxd = xd^3
        mul(J, tv1, gx1);                    // gx1 = x1n^3 + J x1n^2 xd + x1n xd^2
        mul(gx1, x1n, gx1);
        add(gx1, tv2, gx1);
        mul(gx1, x1n, gx1);
        sqr(gxd, tv3);
        sqr(tv3, tv2);                       // gxd^4
        mul(tv3, gxd, tv3);                  // gxd^3
        mul(tv3, gx1, tv3);                  // gx1 gxd^3
        mul(tv2, tv3, tv2);                  // gx1 gxd^7
        powPMinus5Over8(tv2, y11);
        mul(y11, tv3, y11);                  // candidate sqrt(gx1 / gxd)
        mul(y11, SQRT_MINUS_ONE, y12);
        sqr(y11, tv2);
        mul(tv2, gxd, tv2);
        int e1 = equalMask(tv2, gx1);
        copy(y12, 0, y1, 0);
        cmov(e1, y11, 0, y1, 0);

        mul(x1n, tv1, x2n);                  // x2 = 2u^2 x1
        mul(y11, u, y21);
        mul(y21, C2, y21);
        mul(y21, SQRT_MINUS_ONE, y22);
        mul(gx1, tv1, gx2);                  // g(x2) = 2u^2 g(x1)
        sqr(y21, tv2);
        mul(tv2, gxd, tv2);
        int e2 = equalMask(tv2, gx2);
        copy(y22, 0, y2, 0);
        cmov(e2, y21, 0, y2, 0);

        sqr(y1, tv2);
        mul(tv2, gxd, tv2);
        int e3 = equalMask(tv2, gx1);        // g(x1) is square: take x1
        copy(x2n, 0, xn, 0);
        cmov(e3, x1n, 0, xn, 0);
        copy(y2, 0, y, 0);
        cmov(e3, y1, 0, y, 0);
        normalize(y);
        int e4 = sgn0(y);
        mul(y, MINUS_ONE, minusY);
        cmov(-((e3 & 1) ^ e4), minusY, 0, y, 0);   // the RFC's sign convention: negate when e3 XOR e4
        normalize(y);
        normalize(xn);
        normalize(xd);
    }
}
