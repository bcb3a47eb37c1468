package io.trustfabric.psi.group;

import java.math.BigInteger;

/**
 * Arithmetic in GF(2^255 - 19) with five unsigned 51-bit limbs in {@code long[5]} (radix 2^51).
 *
 * <p>Why not Bouncy Castle's {@code X25519Field} (ten 25.5-bit int limbs): a product of two 51-bit limbs needs
 * 102 bits, and {@link Math#multiplyHigh} (an x86-64 and AArch64 intrinsic) gives the upper half in one
 * instruction, so a field multiplication costs 25 limb products instead of BC's 75 or so. The trick that
 * avoids 128-bit accumulators: the operands are pre-shifted by 6 and 7 bits, so {@code multiplyHigh(a << 6, b << 7)}
 * is exactly {@code floor(a b / 2^51)}, the part of the product that moves to the next limb. Summed over a column
 * (the products of equal weight) that gives h; the part that stays, the sum of {@code a b mod 2^51}, is below
 * 2^64, so it is exactly the wrapping sum of the plain products minus {@code h << 51}: no masks, no carries.
 *
 * <p>Limb bounds (checked by {@code Field25519Test} at the extremes):
 * <ul>
 *   <li>outputs of {@link #mul}, {@link #sqr}, {@link #mulSmall} and {@link #carry} are "reduced": every limb
 *       below 2^51 + 2^17 and non-negative (not necessarily the canonical representative, see
 *       {@link #normalize});</li>
 *   <li>inputs to {@code mul}/{@code sqr}/{@code mulSmall} may have limbs below 3 * 2^52 (1.5 * 2^53): the sum of
 *       two reduced values, or the difference of such a sum and a reduced value; anything larger is passed
 *       through {@link #carry} first;</li>
 *   <li>the subtrahend of {@link #sub} must be reduced (it adds 2p to stay non-negative).</li>
 * </ul>
 * Every operation except the {@code ...Var} ones runs in time independent of the values.
 */
final class Field25519 {

    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** The Montgomery coefficient A of curve25519: v^2 = u^3 + A u^2 + u. */
    static final int MONTGOMERY_A = 486662;
    /** (A - 2) / 4, the ladder constant of RFC 7748. */
    static final int LADDER_A24 = 121665;

    static final int LIMBS = 5;
    private static final long M51 = (1L << 51) - 1;
    /** The limbs of 2p, added by {@link #sub} so that limbs stay non-negative. */
    private static final long TWO_P_LOW = (1L << 52) - 38;
    private static final long TWO_P_HIGH = (1L << 52) - 2;

    private Field25519() {
    }

    static long[] create() {
        return new long[LIMBS];
    }

    static long[] constant(BigInteger value) {
        long[] limbs = create();
        decode(toLittleEndian32(value.mod(P)), 0, limbs);
        return limbs;
    }

    static long[] constant(int smallValue) {
        if (smallValue < 0) {
            throw new IllegalArgumentException("small constants are non-negative");
        }
        long[] limbs = create();
        limbs[0] = smallValue;
        return limbs;
    }

    static void copy(long[] x, long[] z) {
        System.arraycopy(x, 0, z, 0, LIMBS);
    }

    static void zero(long[] z) {
        z[0] = 0;
        z[1] = 0;
        z[2] = 0;
        z[3] = 0;
        z[4] = 0;
    }

    static void one(long[] z) {
        zero(z);
        z[0] = 1;
    }

    static void addOne(long[] z) {
        z[0] += 1;
    }

    /** Decodes 32 little-endian bytes; bit 255 is ignored, as RFC 7748 decodeUCoordinate requires. */
    static void decode(byte[] in, int offset, long[] z) {
        long w0 = littleEndian64(in, offset);
        long w1 = littleEndian64(in, offset + 8);
        long w2 = littleEndian64(in, offset + 16);
        long w3 = littleEndian64(in, offset + 24);
        z[0] = w0 & M51;
        z[1] = ((w0 >>> 51) | (w1 << 13)) & M51;
        z[2] = ((w1 >>> 38) | (w2 << 26)) & M51;
        z[3] = ((w2 >>> 25) | (w3 << 39)) & M51;
        z[4] = (w3 >>> 12) & M51;
    }

    /** Encodes the canonical representative of {@code x} as 32 little-endian bytes; {@code x} is not changed. */
    static void encode(long[] x, byte[] out, int offset) {
        long[] t = x.clone();
        normalize(t);
        putLittleEndian64(t[0] | (t[1] << 51), out, offset);
        putLittleEndian64((t[1] >>> 13) | (t[2] << 38), out, offset + 8);
        putLittleEndian64((t[2] >>> 26) | (t[3] << 25), out, offset + 16);
        putLittleEndian64((t[3] >>> 39) | (t[4] << 12), out, offset + 24);
    }

    static void add(long[] x, long[] y, long[] z) {
        z[0] = x[0] + y[0];
        z[1] = x[1] + y[1];
        z[2] = x[2] + y[2];
        z[3] = x[3] + y[3];
        z[4] = x[4] + y[4];
    }

    /** z = x - y + 2p; {@code y} must be reduced. */
    static void sub(long[] x, long[] y, long[] z) {
        z[0] = x[0] + TWO_P_LOW - y[0];
        z[1] = x[1] + TWO_P_HIGH - y[1];
        z[2] = x[2] + TWO_P_HIGH - y[2];
        z[3] = x[3] + TWO_P_HIGH - y[3];
        z[4] = x[4] + TWO_P_HIGH - y[4];
    }

    /** sum = x + y, difference = x - y; {@code y} must be reduced; the outputs must not alias the inputs. */
    static void apm(long[] x, long[] y, long[] sum, long[] difference) {
        add(x, y, sum);
        sub(x, y, difference);
    }

    /** Weak reduction: limbs become non-negative and below 2^51 + 2^18. Inputs: non-negative limbs below 2^63. */
    static void carry(long[] z) {
        long z0 = z[0];
        long z1 = z[1];
        long z2 = z[2];
        long z3 = z[3];
        long z4 = z[4];
        z1 += z0 >>> 51;
        z0 &= M51;
        z2 += z1 >>> 51;
        z1 &= M51;
        z3 += z2 >>> 51;
        z2 &= M51;
        z4 += z3 >>> 51;
        z3 &= M51;
        z0 += 19 * (z4 >>> 51);
        z4 &= M51;
        z1 += z0 >>> 51;
        z0 &= M51;
        z[0] = z0;
        z[1] = z1;
        z[2] = z2;
        z[3] = z3;
        z[4] = z4;
    }

    /** Full reduction to the canonical representative in [0, p); constant-time. */
    static void normalize(long[] z) {
        carry(z);
        carry(z);                 // now every limb is below 2^51 and the value below 2^255
        // q = 1 exactly when z >= p, i.e. when z + 19 reaches 2^255
        long q = (z[0] + 19) >>> 51;
        q = (z[1] + q) >>> 51;
        q = (z[2] + q) >>> 51;
        q = (z[3] + q) >>> 51;
        q = (z[4] + q) >>> 51;
        z[0] += 19 * q;
        z[1] += z[0] >>> 51;
        z[0] &= M51;
        z[2] += z[1] >>> 51;
        z[1] &= M51;
        z[3] += z[2] >>> 51;
        z[2] &= M51;
        z[4] += z[3] >>> 51;
        z[3] &= M51;
        z[4] &= M51;              // drops the 2^255 that adding 19 produced: z - p
    }

    /** z = x * y; see the class comment for the limb bounds. {@code z} may alias either input. */
    static void mul(long[] x, long[] y, long[] z) {
        long a0 = x[0];
        long a1 = x[1];
        long a2 = x[2];
        long a3 = x[3];
        long a4 = x[4];
        long b0 = y[0];
        long b1 = y[1];
        long b2 = y[2];
        long b3 = y[3];
        long b4 = y[4];
        long s0 = a0 << 6;
        long s1 = a1 << 6;
        long s2 = a2 << 6;
        long s3 = a3 << 6;
        long s4 = a4 << 6;
        long t0 = b0 << 7;
        long t1 = b1 << 7;
        long t2 = b2 << 7;
        long t3 = b3 << 7;
        long t4 = b4 << 7;

        // column k: h = sum of floor(a_i b_j / 2^51) over i + j = k (what moves to the next limb), and the
        // part that stays, sum of (a_i b_j mod 2^51), which is below 2^64, so the wrapping sum of the
        // products minus h * 2^51 is exactly it: no masks, no 128-bit accumulators
        long h0 = Math.multiplyHigh(s0, t0);
        long l0 = a0 * b0 - (h0 << 51);
        long h1 = Math.multiplyHigh(s0, t1) + Math.multiplyHigh(s1, t0);
        long l1 = a0 * b1 + a1 * b0 - (h1 << 51);
        long h2 = Math.multiplyHigh(s0, t2) + Math.multiplyHigh(s1, t1) + Math.multiplyHigh(s2, t0);
        long l2 = a0 * b2 + a1 * b1 + a2 * b0 - (h2 << 51);
        long h3 = Math.multiplyHigh(s0, t3) + Math.multiplyHigh(s1, t2) + Math.multiplyHigh(s2, t1)
                + Math.multiplyHigh(s3, t0);
        long l3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 - (h3 << 51);
        long h4 = Math.multiplyHigh(s0, t4) + Math.multiplyHigh(s1, t3) + Math.multiplyHigh(s2, t2)
                + Math.multiplyHigh(s3, t1) + Math.multiplyHigh(s4, t0);
        long l4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0 - (h4 << 51);
        long h5 = Math.multiplyHigh(s1, t4) + Math.multiplyHigh(s2, t3) + Math.multiplyHigh(s3, t2)
                + Math.multiplyHigh(s4, t1);
        long l5 = a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 - (h5 << 51);
        long h6 = Math.multiplyHigh(s2, t4) + Math.multiplyHigh(s3, t3) + Math.multiplyHigh(s4, t2);
        long l6 = a2 * b4 + a3 * b3 + a4 * b2 - (h6 << 51);
        long h7 = Math.multiplyHigh(s3, t4) + Math.multiplyHigh(s4, t3);
        long l7 = a3 * b4 + a4 * b3 - (h7 << 51);
        long h8 = Math.multiplyHigh(s4, t4);
        long l8 = a4 * b4 - (h8 << 51);

        reduce(l0, l1 + h0, l2 + h1, l3 + h2, l4 + h3, l5 + h4, l6 + h5, l7 + h6, l8 + h7, h8, z);
    }

    /** z = x^2; same bounds as {@link #mul}. */
    static void sqr(long[] x, long[] z) {
        long a0 = x[0];
        long a1 = x[1];
        long a2 = x[2];
        long a3 = x[3];
        long a4 = x[4];
        long d0 = a0 << 1;
        long d1 = a1 << 1;
        long d2 = a2 << 1;
        long d3 = a3 << 1;
        long s0 = a0 << 6;
        long s1 = a1 << 6;
        long s2 = a2 << 6;
        long s3 = a3 << 6;
        long s4 = a4 << 6;
        long t0 = a0 << 7;   // also 2 a0 << 6
        long t1 = a1 << 7;
        long t2 = a2 << 7;
        long t3 = a3 << 7;
        long t4 = a4 << 7;

        long h0 = Math.multiplyHigh(s0, t0);
        long l0 = a0 * a0 - (h0 << 51);
        long h1 = Math.multiplyHigh(t0, t1);
        long l1 = d0 * a1 - (h1 << 51);
        long h2 = Math.multiplyHigh(t0, t2) + Math.multiplyHigh(s1, t1);
        long l2 = d0 * a2 + a1 * a1 - (h2 << 51);
        long h3 = Math.multiplyHigh(t0, t3) + Math.multiplyHigh(t1, t2);
        long l3 = d0 * a3 + d1 * a2 - (h3 << 51);
        long h4 = Math.multiplyHigh(t0, t4) + Math.multiplyHigh(t1, t3) + Math.multiplyHigh(s2, t2);
        long l4 = d0 * a4 + d1 * a3 + a2 * a2 - (h4 << 51);
        long h5 = Math.multiplyHigh(t1, t4) + Math.multiplyHigh(t2, t3);
        long l5 = d1 * a4 + d2 * a3 - (h5 << 51);
        long h6 = Math.multiplyHigh(t2, t4) + Math.multiplyHigh(s3, t3);
        long l6 = d2 * a4 + a3 * a3 - (h6 << 51);
        long h7 = Math.multiplyHigh(t3, t4);
        long l7 = d3 * a4 - (h7 << 51);
        long h8 = Math.multiplyHigh(s4, t4);
        long l8 = a4 * a4 - (h8 << 51);

        reduce(l0, l1 + h0, l2 + h1, l3 + h2, l4 + h3, l5 + h4, l6 + h5, l7 + h6, l8 + h7, h8, z);
    }

    /** z = x^(2^n), n >= 1. */
    static void sqr(long[] x, int n, long[] z) {
        sqr(x, z);
        for (int i = 1; i < n; i++) {
            sqr(z, z);
        }
    }

    /** z = c x for a constant 0 <= c < 2^20 (the ladder's a24, the 38 of a wide reduction). */
    static void mulSmall(long[] x, int c, long[] z) {
        long k = c;
        long k7 = k << 7;
        long x0 = x[0];
        long x1 = x[1];
        long x2 = x[2];
        long x3 = x[3];
        long x4 = x[4];
        long h0 = Math.multiplyHigh(x0 << 6, k7);
        long h1 = Math.multiplyHigh(x1 << 6, k7);
        long h2 = Math.multiplyHigh(x2 << 6, k7);
        long h3 = Math.multiplyHigh(x3 << 6, k7);
        long h4 = Math.multiplyHigh(x4 << 6, k7);
        z[0] = (x0 * k & M51) + 19 * h4;
        z[1] = (x1 * k & M51) + h0;
        z[2] = (x2 * k & M51) + h1;
        z[3] = (x3 * k & M51) + h2;
        z[4] = (x4 * k & M51) + h3;
        carry(z);
    }

    /**
     * Folds the ten column values v_k (weight 2^(51 k)) into five limbs with 2^255 = 19 and carries once,
     * in parallel: the limbs end below 2^51 + 2^17.
     * Each v_k is below 2^58.5 (inputs below 3 * 2^52: five products of at most 2^107.2, shifted
     * down 51 bits, plus five low parts below 2^51), so v_k + 19 v_{k+5} stays below 2^62.9.
     */
    private static void reduce(long v0, long v1, long v2, long v3, long v4,
                               long v5, long v6, long v7, long v8, long v9, long[] z) {
        long r0 = v0 + 19 * v5;
        long r1 = v1 + 19 * v6;
        long r2 = v2 + 19 * v7;
        long r3 = v3 + 19 * v8;
        long r4 = v4 + 19 * v9;
        // one round of independent carries (short dependency chains); every r_k < 2^63 carries < 2^12
        z[0] = (r0 & M51) + 19 * (r4 >>> 51);
        z[1] = (r1 & M51) + (r0 >>> 51);
        z[2] = (r2 & M51) + (r1 >>> 51);
        z[3] = (r3 & M51) + (r2 >>> 51);
        z[4] = (r4 & M51) + (r3 >>> 51);
    }

    /** Swaps a and b when {@code swap} is 1, leaves them when it is 0; constant-time. */
    static void cswap(int swap, long[] a, long[] b) {
        long mask = -(long) swap;
        for (int i = 0; i < LIMBS; i++) {
            long t = mask & (a[i] ^ b[i]);
            a[i] ^= t;
            b[i] ^= t;
        }
    }

    /** z = x when {@code mask} is -1, unchanged when it is 0; constant-time. */
    static void cmov(int mask, long[] x, long[] z) {
        long m = mask;
        for (int i = 0; i < LIMBS; i++) {
            z[i] ^= m & (z[i] ^ x[i]);
        }
    }

    /** -1 when x is zero (mod p), else 0; constant-time. */
    static int isZero(long[] x) {
        long[] t = x.clone();
        normalize(t);
        long bits = t[0] | t[1] | t[2] | t[3] | t[4];
        return (int) (((bits - 1) & ~bits) >> 63);
    }

    static boolean isZeroVar(long[] x) {
        return isZero(x) != 0;
    }

    static boolean isOneVar(long[] x) {
        long[] t = x.clone();
        normalize(t);
        return t[0] == 1 && (t[1] | t[2] | t[3] | t[4]) == 0;
    }

    /** z = 1 / x = x^(p - 2); zero for zero. The exponent is public, so the fixed chain is constant-time. */
    static void inv(long[] x, long[] z) {
        long[] x2 = create();
        long[] x9 = create();
        long[] x11 = create();
        long[] t = create();
        long[] u = create();
        long[] v = create();
        sqr(x, x2);
        sqr(x2, 2, t);
        mul(t, x, x9);
        mul(x9, x2, x11);
        sqr(x11, t);
        mul(t, x9, t);            // x^(2^5 - 1)
        sqr(t, 5, u);
        mul(u, t, u);             // 2^10 - 1
        sqr(u, 10, v);
        mul(v, u, v);             // 2^20 - 1
        sqr(v, 20, x9);
        mul(x9, v, x9);           // 2^40 - 1
        sqr(x9, 10, x9);
        mul(x9, u, u);            // 2^50 - 1
        sqr(u, 50, v);
        mul(v, u, v);             // 2^100 - 1
        sqr(v, 100, x9);
        mul(x9, v, x9);           // 2^200 - 1
        sqr(x9, 50, x9);
        mul(x9, u, x9);           // 2^250 - 1
        sqr(x9, 5, x9);           // 2^255 - 32
        mul(x9, x11, z);          // 2^255 - 21 = p - 2
    }

    /** z = x^((p-5)/8) = x^(2^252 - 3); the exponent is public, so the fixed chain is constant-time. */
    static void powPMinus5Over8(long[] x, long[] z) {
        // x_k denotes x^(2^k - 1); x_{a+b} = x_a^(2^b) * x_b
        long[] a = create();
        long[] b = create();
        long[] c = create();
        long[] d = create();
        sqr(x, a);
        mul(a, x, a);            // x2
        sqr(a, 2, b);
        mul(b, a, b);            // x4
        sqr(b, a);
        mul(a, x, a);            // x5
        sqr(a, 5, b);
        mul(b, a, b);            // x10
        sqr(b, 10, c);
        mul(c, b, c);            // x20
        sqr(c, 20, d);
        mul(d, c, c);            // x40
        sqr(c, 10, c);
        mul(c, b, c);            // x50
        sqr(c, 50, d);
        mul(d, c, d);            // x100
        sqr(d, 100, b);
        mul(b, d, b);            // x200
        sqr(b, 50, b);
        mul(b, c, b);            // x250
        sqr(b, 2, b);
        mul(b, x, z);            // x^(4 (2^250 - 1) + 1)
    }

    /** The quadratic character x^((p-1)/2) = (x^((p-5)/8))^4 * x^2, normalized: 0, 1 or p-1. */
    static void legendre(long[] x, long[] z) {
        long[] t = create();
        long[] x2 = create();
        powPMinus5Over8(x, t);
        sqr(t, 2, t);
        sqr(x, x2);
        mul(t, x2, z);
        normalize(z);
    }

    /**
     * True when x is zero or a non-zero square. Not constant-time: used on public, received elements. A binary
     * Jacobi-symbol algorithm ({@link QuadraticCharacter}), several times faster than {@link #legendre}.
     */
    static boolean isSquareVar(long[] x) {
        return QuadraticCharacter.legendreVar(x) >= 0;
    }

    /** -1 if x == y (mod p), else 0; constant-time. {@code y} must be reduced. */
    static int equalMask(long[] x, long[] y) {
        long[] d = create();
        sub(x, y, d);
        return isZero(d);
    }

    /** RFC 9380 sgn0 for m = 1: the parity of the canonical representative. Constant-time. */
    static int sgn0(long[] x) {
        long[] t = x.clone();
        normalize(t);
        return (int) (t[0] & 1);
    }

    /** Reduces a 48-byte big-endian integer (RFC 9380 hash_to_field with L = 48) modulo p. */
    static void reduceBigEndian48(byte[] bytes, int offset, long[] z) {
        // n = hi * 2^256 + top * 2^255 + low255, and 2^256 = 38, 2^255 = 19 (mod p)
        byte[] low = new byte[32];
        for (int i = 0; i < 32; i++) {
            low[i] = bytes[offset + 47 - i];
        }
        byte[] high = new byte[32];
        for (int i = 0; i < 16; i++) {
            high[i] = bytes[offset + 15 - i];
        }
        int top = (low[31] >>> 7) & 1;
        long[] lowLimbs = create();
        long[] highLimbs = create();
        decode(low, 0, lowLimbs);
        decode(high, 0, highLimbs);
        mulSmall(highLimbs, 38, highLimbs);
        add(highLimbs, lowLimbs, z);
        z[0] += 19L * top;
        carry(z);
        normalize(z);
    }

    static byte[] toLittleEndian32(BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < bigEndian.length && i < 32; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    static BigInteger toBigInteger(long[] element) {
        byte[] littleEndian = new byte[32];
        encode(element, littleEndian, 0);
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = littleEndian[31 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    private static long littleEndian64(byte[] in, int offset) {
        long w = 0;
        for (int i = 7; i >= 0; i--) {
            w = (w << 8) | (in[offset + i] & 0xFF);
        }
        return w;
    }

    private static void putLittleEndian64(long w, byte[] out, int offset) {
        for (int i = 0; i < 8; i++) {
            out[offset + i] = (byte) (w >>> (8 * i));
        }
    }
}
