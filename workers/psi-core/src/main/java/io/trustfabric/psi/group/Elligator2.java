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
    static final long[] C2 = constant(BigInteger.TWO.modPow(C1, P));
    /** c3 = sqrt(-1) = 2^((p-1)/4). */
    static final long[] SQRT_MINUS_ONE = constant(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P));
    private static final long[] J = constant(MONTGOMERY_A);
    private static final long[] MINUS_J = constant(P.subtract(BigInteger.valueOf(MONTGOMERY_A)));
    private static final long[] MINUS_ONE = constant(P.subtract(BigInteger.ONE));

    private final long[] tv1 = create();
    private final long[] tv2 = create();
    private final long[] tv3 = create();
    private final long[] x1n = create();
    private final long[] gxd = create();
    private final long[] gx1 = create();
    private final long[] y11 = create();
    private final long[] y12 = create();
    private final long[] y1 = create();
    private final long[] x2n = create();
    private final long[] y21 = create();
    private final long[] y22 = create();
    private final long[] gx2 = create();
    private final long[] y2 = create();
    private final long[] minusY = create();

    /** Writes x = xn / xd and y (with y's denominator 1) for the field element u (RFC steps 1-39). */
    void map(long[] u, long[] xn, long[] xd, long[] y) {
        firstCandidate(u, xd);
        secondCandidate(u);
        select(xn, y);
        normalize(xd);
    }

    /** Steps 1-22: x1 = -J / (1 + 2u^2), its g(x1) and y1, a square root of g(x1) if there is one. */
    private void firstCandidate(long[] u, long[] xd) {
        sqr(u, tv1);
        add(tv1, tv1, tv1);                  // 2u^2
        copy(tv1, xd);
        addOne(xd);                          // xd = 1 + 2u^2, never zero
        carry(xd);
        copy(MINUS_J, x1n);
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
        copy(y12, y1);
        cmov(e1, y11, y1);
    }

    /** Steps 23-31: x2 = 2u^2 x1, g(x2) = 2u^2 g(x1) and y2, its square root when g(x1) had none. */
    private void secondCandidate(long[] u) {
        mul(x1n, tv1, x2n);
        mul(y11, u, y21);
        mul(y21, C2, y21);
        mul(y21, SQRT_MINUS_ONE, y22);
        mul(gx1, tv1, gx2);
        sqr(y21, tv2);
        mul(tv2, gxd, tv2);
        int e2 = equalMask(tv2, gx2);
        copy(y22, y2);
        cmov(e2, y21, y2);
    }

    /** Steps 32-38: keep x1 if g(x1) is square, else x2; fix the sign of y. All selections are masks. */
    private void select(long[] xn, long[] y) {
        sqr(y1, tv2);
        mul(tv2, gxd, tv2);
        int e3 = equalMask(tv2, gx1);
        copy(x2n, xn);
        cmov(e3, x1n, xn);
        copy(y2, y);
        cmov(e3, y1, y);
        normalize(y);
        int e4 = sgn0(y);
        mul(y, MINUS_ONE, minusY);
        cmov(-((e3 & 1) ^ e4), minusY, y);   // negate when e3 XOR e4
        normalize(y);
        normalize(xn);
    }
}
