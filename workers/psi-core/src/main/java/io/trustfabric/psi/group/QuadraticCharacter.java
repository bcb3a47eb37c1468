package io.trustfabric.psi.group;

/**
 * The quadratic character (Legendre symbol modulo p = 2^255 - 19) of a field element, computed in variable time
 * with a binary Jacobi-symbol algorithm. Only for public values (received elements): the running time and the
 * branches depend on the input.
 *
 * <p>Algorithm: "positive divsteps" on the pair (f, g), starting from (p, x), with the invariant
 * {@code legendre(x) = sign * (g / f)} (Jacobi symbol), f odd and both non-negative. Three moves keep it:
 * <ul>
 *   <li>g even: g = g / 2^z; the sign flips when z is odd and f = 3 or 5 (mod 8), the (2/f) rule;</li>
 *   <li>g odd: swap f and g; the sign flips when both are 3 (mod 4), quadratic reciprocity;</li>
 *   <li>g = g + w f for a small w chosen so that the low bits of g cancel (the symbol does not change).</li>
 * </ul>
 * Only additions are used, so f and g never become negative (reciprocity needs positive values) and
 * max(f, g) never grows; the loop ends when f or g is 1 (the symbol is the sign) or g = 0. Every decision needs only
 * the low bits of f and g, so 62 moves at a time run on single 64-bit words, collecting a 2x2 matrix of
 * non-negative factors (each row sums to at most 2^62) that is then applied once to the full 255-bit values
 * (five 62-bit limbs). When to swap follows the Bernstein-Yang "delta" rule (here eta = -delta), which
 * makes the values shrink quickly; correctness does not depend on it, only the speed does.
 *
 * <p>Convergence of positive divsteps is observed, not proven, so after {@link #MAX_BATCHES} batches the
 * answer comes from the exponentiation {@link Field25519#legendre} instead (never seen with p as modulus).
 */
final class QuadraticCharacter {

    /** About four times the largest number of 62-step batches seen over millions of random elements. */
    static final int MAX_BATCHES = 60;

    private static final int STEPS = 62;
    private static final int LIMBS = 5;
    private static final long M62 = (1L << STEPS) - 1;
    /** p = 2^255 - 19 in radix 2^62. */
    private static final long[] P_LIMBS = {M62 - 18, M62, M62, M62, (1L << 7) - 1};

    private QuadraticCharacter() {
    }

    /** The Legendre symbol of x modulo p: 0 for zero, 1 for a non-zero square, -1 otherwise. */
    static int legendreVar(long[] x) {
        return legendreVar(x, MAX_BATCHES);
    }

    /** As {@link #legendreVar(long[])} with a given batch budget (tests use a tiny one to reach the fallback). */
    static int legendreVar(long[] x, int maxBatches) {
        long[] g = toRadix62(x);
        if ((g[0] | g[1] | g[2] | g[3] | g[4]) == 0) {
            return 0;
        }
        long[] f = P_LIMBS.clone();
        Batch batch = new Batch();
        int len = LIMBS;
        long eta = -1;
        int sign = 0;          // bit 0: the symbol has flipped an odd number of times
        for (int round = 0; round < maxBatches; round++) {
            eta = batch.run(eta, low64(f), low64(g));
            sign ^= batch.flips;
            applyMatrix(batch, f, g, len);
            while (len > 1 && (f[len - 1] | g[len - 1]) == 0) {
                len--;
            }
            if (len == 1 && (f[0] == 1 || g[0] == 1)) {
                return (sign & 1) == 0 ? 1 : -1;     // (g / 1) = (1 / f) = 1
            }
            if (isZero(g, len)) {
                return 0;       // f = gcd(p, x) > 1, which cannot happen for 0 < x < p; kept for safety
            }
        }
        return byExponentiation(x);
    }

    private static int byExponentiation(long[] x) {
        long[] chi = Field25519.create();
        Field25519.legendre(x, chi);
        if (Field25519.isZeroVar(chi)) {
            return 0;
        }
        return Field25519.isOneVar(chi) ? 1 : -1;
    }

    /** The canonical representative of x in five 62-bit limbs. */
    private static long[] toRadix62(long[] x) {
        long[] t = x.clone();
        Field25519.normalize(t);
        return new long[] {
            (t[0] | (t[1] << 51)) & M62,
            ((t[1] >>> 11) | (t[2] << 40)) & M62,
            ((t[2] >>> 22) | (t[3] << 29)) & M62,
            ((t[3] >>> 33) | (t[4] << 18)) & M62,
            (t[4] >>> 44) & ((1L << 7) - 1),
        };
    }

    private static long low64(long[] v) {
        return v[0] | (v[1] << STEPS);
    }

    private static boolean isZero(long[] v, int len) {
        for (int i = 0; i < len; i++) {
            if (v[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * (f, g) = ((u f + v g) / 2^62, (q f + r g) / 2^62). The divisions are exact, the factors non-negative with
     * u + v and q + r at most 2^62, so the results are non-negative and no larger than max(f, g).
     */
    private static void applyMatrix(Batch m, long[] f, long[] g, int len) {
        long fCarry = 0;
        long gCarry = 0;
        for (int i = 0; i < len; i++) {
            long fi = f[i];
            long gi = g[i];
            long fColumn = lowPart(m.u, fi) + lowPart(m.v, gi) + fCarry;       // below 3 * 2^62: unsigned
            long gColumn = lowPart(m.q, fi) + lowPart(m.r, gi) + gCarry;
            fCarry = (fColumn >>> STEPS) + highPart(m.u, fi) + highPart(m.v, gi);
            gCarry = (gColumn >>> STEPS) + highPart(m.q, fi) + highPart(m.r, gi);
            if (i > 0) {                 // limb 0 of each sum is zero: the division by 2^62 drops it
                f[i - 1] = fColumn & M62;
                g[i - 1] = gColumn & M62;
            }
        }
        f[len - 1] = fCarry;
        g[len - 1] = gCarry;
    }

    /** (a b) mod 2^62 for 0 <= a <= 2^62, 0 <= b < 2^62. */
    private static long lowPart(long a, long b) {
        return (a * b) & M62;
    }

    /** floor(a b / 2^62) for 0 <= a <= 2^62, 0 <= b < 2^62. */
    private static long highPart(long a, long b) {
        return (Math.multiplyHigh(a, b) << 2) | ((a * b) >>> STEPS);
    }

    /**
     * 62 moves on the low 64 bits of f and g. After s moves only the low 64 - s bits are exact; every decision
     * reads at most three of them (f mod 8), so 62 moves are safe. Collects the matrix with
     * 2^s f_now = u f + v g and 2^s g_now = q f + r g, and the number of sign flips (bit 0 of {@link #flips}).
     */
    private static final class Batch {
        long u;
        long v;
        long q;
        long r;
        int flips;

        long run(long eta, long f, long g) {
            long u = 1;
            long v = 0;
            long q = 0;
            long r = 1;
            int flips = 0;
            int left = STEPS;
            while (true) {
                // the sentinel bits stop the count at the moves left
                int zeros = Long.numberOfTrailingZeros(g | (-1L << left));
                g >>>= zeros;
                u <<= zeros;
                v <<= zeros;
                eta -= zeros;
                left -= zeros;
                flips ^= zeros & (int) ((f >>> 1) ^ (f >>> 2));
                if (left == 0) {
                    break;
                }
                if (eta < 0) {
                    eta = -eta;
                    long t = f;
                    f = g;
                    g = t;
                    t = u;
                    u = q;
                    q = t;
                    t = v;
                    v = r;
                    r = t;
                    flips ^= (int) ((f & g) >>> 1);
                }
                // cancel up to min(eta + 1, left, 6) low bits of g with w f, w = -g / f mod 2^bits
                int bits = (int) Math.min(Math.min(eta + 1, left), 6);
                long mask = (1L << bits) - 1;
                long w = (f * g * (f * f - 2)) & mask;
                g += f * w;
                q += u * w;
                r += v * w;
            }
            this.u = u;
            this.v = v;
            this.q = q;
            this.r = r;
            this.flips = flips & 1;
            return eta;
        }
    }
}
