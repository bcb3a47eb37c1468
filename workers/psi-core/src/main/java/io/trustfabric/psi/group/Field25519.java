package io.trustfabric.psi.group;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Arithmetic in GF(2^255 - 19) on top of Bouncy Castle's {@link X25519Field} (ten signed int limbs).
 * Adds what the group needs beyond BC: exponentiation to (p-5)/8, the quadratic character,
 * constant-time equality and sign, and reduction of RFC 9380's 48-byte big-endian field elements.
 *
 * <p>Limb discipline: inputs to {@code mul}/{@code sqr} are either reduced (outputs of mul/sqr/normalize)
 * or a single add/sub of reduced values; anything more is passed through {@link X25519Field#carry} first.
 */
final class Field25519 extends X25519Field {

    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** The Montgomery coefficient A of curve25519: v^2 = u^3 + A u^2 + u. */
    static final int MONTGOMERY_A = 486662;
    /** (A - 2) / 4, the ladder constant of RFC 7748. */
    static final int LADDER_A24 = 121665;

    private Field25519() {
    }

    static int[] constant(BigInteger value) {
        int[] limbs = create();
        decode(toLittleEndian32(value.mod(P)), 0, limbs);
        return limbs;
    }

    static int[] constant(int smallValue) {
        int[] limbs = create();
        limbs[0] = smallValue;
        return limbs;
    }

    static byte[] toLittleEndian32(BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < bigEndian.length && i < 32; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    static BigInteger toBigInteger(int[] element) {
        int[] copy = create();
        copy(element, 0, copy, 0);
        normalize(copy);
        byte[] littleEndian = new byte[32];
        encode(copy, littleEndian, 0);
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = littleEndian[31 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    /** z = x^((p-5)/8) = x^(2^252 - 3); the exponent is public, so the fixed chain is constant-time. */
    static void powPMinus5Over8(int[] x, int[] z) {
        // x_k denotes x^(2^k - 1); x_{a+b} = x_a^(2^b) * x_b
        int[] a = create();
        int[] b = create();
        int[] c = create();
        int[] d = create();
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
    static void legendre(int[] x, int[] z) {
        int[] t = create();
        int[] x2 = create();
        powPMinus5Over8(x, t);
        sqr(t, 2, t);
        sqr(x, x2);
        mul(t, x2, z);
        normalize(z);
    }

    /** True when x is zero or a non-zero square. Not constant-time: used on public, received elements. */
    static boolean isSquareVar(int[] x) {
        int[] chi = create();
        legendre(x, chi);
        return isZeroVar(chi) || isOneVar(chi);
    }

    /** -1 if x == y (mod p), else 0; constant-time. */
    static int equalMask(int[] x, int[] y) {
        int[] d = create();
        sub(x, y, d);
        normalize(d);
        return isZero(d);
    }

    /** RFC 9380 sgn0 for m = 1: the parity of the canonical representative. Constant-time. */
    static int sgn0(int[] x) {
        int[] t = create();
        copy(x, 0, t, 0);
        normalize(t);
        return t[0] & 1;
    }

    /** Reduces a 48-byte big-endian integer (RFC 9380 hash_to_field with L = 48) modulo p. */
    static void reduceBigEndian48(byte[] bytes, int offset, int[] z) {
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
        int[] lowLimbs = create();
        int[] highLimbs = create();
        decode(low, 0, lowLimbs);
        decode(high, 0, highLimbs);
        mul(highLimbs, 38, highLimbs);
        add(highLimbs, lowLimbs, z);
        z[0] += 19 * top;
        carry(z);
        normalize(z);
    }
}
