package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.Field25519.*;

import java.math.BigInteger;

/**
 * A point of edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2) in extended coordinates (X : Y : Z : T), x = X/Z,
 * y = Y/Z, xy = T/Z. Hash-to-curve adds its two mapped points here because the twisted Edwards formulas are
 * complete: no exceptional cases, no branches. Mutable scratch object, not shared across threads.
 */
final class EdwardsPoint {

    private static final int[] TWO_D = constant(BigInteger.valueOf(-121665 * 2L)
            .multiply(BigInteger.valueOf(121666).modInverse(P)));
    /** sqrt(-486664) with sgn0 = 0: the scale of the birational map between curve25519 and edwards25519. */
    static final BigInteger SQRT_MINUS_486664 = evenSquareRoot(P.subtract(BigInteger.valueOf(486664)));
    private static final int[] MAP_SCALE = constant(SQRT_MINUS_486664);

    final int[] x = create();
    final int[] y = create();
    final int[] z = create();
    final int[] t = create();

    private final int[] a = create();
    private final int[] b = create();
    private final int[] c = create();
    private final int[] d = create();
    private final int[] e = create();
    private final int[] f = create();
    private final int[] g = create();
    private final int[] h = create();

    /** RFC 9380 Appendix G.2.2 rational map from the Montgomery point (xn / xd, yM); exceptional points go to the identity. */
    void setFromMontgomery(int[] montXn, int[] montXd, int[] montY) {
        int[] xn = a;
        int[] xd = b;
        int[] yn = c;
        int[] yd = d;
        mul(montXn, MAP_SCALE, xn);           // x = sqrt(-486664) * xM / yM
        mul(montXd, montY, xd);
        sub(montXn, montXd, yn);               // y = (xM - 1) / (xM + 1)
        add(montXn, montXd, yd);
        mul(xd, yd, e);
        normalize(e);
        int exceptional = isZero(e);
        int[] zero = f;
        int[] one = g;
        zero(zero);
        one(one);
        cmov(exceptional, zero, 0, xn, 0);
        cmov(exceptional, one, 0, xd, 0);
        cmov(exceptional, one, 0, yn, 0);
        cmov(exceptional, one, 0, yd, 0);
        mul(xn, yd, x);
        mul(yn, xd, y);
        mul(xd, yd, z);
        mul(xn, yn, t);
    }

    /** this += other, unified addition for a = -1 (add-2008-hwcd-3); complete on edwards25519. */
    void addPoint(EdwardsPoint other) {
        sub(y, x, a);
        sub(other.y, other.x, e);
        mul(a, e, a);
        add(y, x, b);
        add(other.y, other.x, e);
        mul(b, e, b);
        mul(t, other.t, c);
        mul(c, TWO_D, c);
        mul(z, other.z, d);
        add(d, d, d);
        sub(b, a, e);
        sub(d, c, f);
        add(d, c, g);
        add(b, a, h);
        carry(e);
        carry(f);
        carry(g);
        carry(h);
        mul(e, f, x);
        mul(g, h, y);
        mul(e, h, t);
        mul(f, g, z);
    }

    /** this = 2 * this (dbl-2008-hwcd for a = -1). */
    void twice() {
        sqr(x, a);
        sqr(y, b);
        sqr(z, c);
        add(c, c, c);
        add(a, b, h);                          // h = A + B
        add(x, y, e);
        sqr(e, e);
        sub(h, e, e);                          // e = A + B - (X + Y)^2
        sub(a, b, g);                          // g = A - B
        add(c, g, f);                          // f = 2Z^2 + A - B
        carry(e);
        carry(f);
        carry(g);
        carry(h);
        mul(e, f, x);
        mul(g, h, y);
        mul(e, h, t);
        mul(f, g, z);
    }

    /** The curve25519 u-coordinate numerator and denominator: u = (Z + Y) / (Z - Y). */
    void montgomeryU(int[] numerator, int[] denominator) {
        add(z, y, numerator);
        sub(z, y, denominator);
        carry(numerator);
        carry(denominator);
    }

    /** Affine curve25519 (u, v); (0, 0) for the identity. Used by tests and diagnostics, not the hot path. */
    void montgomeryUV(int[] u, int[] v) {
        int[] num = a;
        int[] den = b;
        montgomeryU(num, den);
        mul(den, x, c);                        // u = (Z+Y) X / ((Z-Y) X), v = s (Z+Y) Z / ((Z-Y) X)
        inv(c, c);
        mul(num, x, u);
        mul(u, c, u);
        mul(num, z, v);
        mul(v, MAP_SCALE, v);
        mul(v, c, v);
        normalize(u);
        normalize(v);
    }

    private static BigInteger evenSquareRoot(BigInteger square) {
        BigInteger candidate = square.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!candidate.multiply(candidate).mod(P).equals(square)) {
            candidate = candidate.multiply(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P)).mod(P);
        }
        if (!candidate.multiply(candidate).mod(P).equals(square)) {
            throw new IllegalStateException("not a square");
        }
        return candidate.testBit(0) ? P.subtract(candidate) : candidate;
    }
}
