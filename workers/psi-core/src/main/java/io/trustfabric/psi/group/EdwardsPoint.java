package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.Field25519.*;

import java.math.BigInteger;

/**
 * A point of edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2) in extended coordinates (X : Y : Z : T), x = X/Z,
 * y = Y/Z, xy = T/Z. Hash-to-curve adds its two mapped points here because the twisted Edwards formulas are
 * complete: no exceptional cases, no branches. Mutable scratch object, not shared across threads.
 */
final class EdwardsPoint {

    private static final long[] TWO_D = constant(BigInteger.valueOf(-121665 * 2L)
            .multiply(BigInteger.valueOf(121666).modInverse(P)));
    /** sqrt(-486664) with sgn0 = 0: the scale of the birational map between curve25519 and edwards25519. */
    static final BigInteger SQRT_MINUS_486664 = evenSquareRoot(P.subtract(BigInteger.valueOf(486664)));
    private static final long[] MAP_SCALE = constant(SQRT_MINUS_486664);

    final long[] x = create();
    final long[] y = create();
    final long[] z = create();
    final long[] t = create();

    private final long[] a = create();
    private final long[] b = create();
    private final long[] c = create();
    private final long[] d = create();
    private final long[] e = create();
    private final long[] f = create();
    private final long[] g = create();
    private final long[] h = create();

    /** RFC 9380 Appendix G.2.2 rational map from the Montgomery point (xn / xd, yM); exceptional points go to the identity. */
    void setFromMontgomery(long[] montXn, long[] montXd, long[] montY) {
        long[] xn = a;
        long[] xd = b;
        long[] yn = c;
        long[] yd = d;
        mul(montXn, MAP_SCALE, xn);           // x = sqrt(-486664) * xM / yM
        mul(montXd, montY, xd);
        sub(montXn, montXd, yn);               // y = (xM - 1) / (xM + 1)
        add(montXn, montXd, yd);
        mul(xd, yd, e);
        normalize(e);
        int exceptional = isZero(e);
        long[] zero = f;
        long[] one = g;
        zero(zero);
        one(one);
        cmov(exceptional, zero, xn);
        cmov(exceptional, one, xd);
        cmov(exceptional, one, yn);
        cmov(exceptional, one, yd);
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
    void montgomeryU(long[] numerator, long[] denominator) {
        add(z, y, numerator);
        sub(z, y, denominator);
        carry(numerator);
        carry(denominator);
    }

    /** Affine curve25519 (u, v); (0, 0) for the identity. Used by tests and diagnostics, not the hot path. */
    void montgomeryUV(long[] u, long[] v) {
        long[] num = a;
        long[] den = b;
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
