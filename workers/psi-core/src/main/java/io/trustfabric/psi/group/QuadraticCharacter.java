package io.trustfabric.psi.group;

/**
 * The quadratic character (Legendre symbol modulo p = 2^255 - 19) of a field element by a binary Jacobi-symbol
 * algorithm, in variable time. Only for public values (received elements): running time and branches depend
 * on the input.
 *
 * <p>The classic binary algorithm keeps {@code legendre(x) = sign * (a / b)} (Jacobi symbol), b odd, from
 * (a, b) = (x, p) until a = 0 (then b = gcd = 1):
 * <ul>
 *   <li>a even: a = a / 2, the sign flips when b = 3 or 5 (mod 8), the (2/b) rule;</li>
 *   <li>a odd and a &lt; b: swap them, the sign flips when both are 3 (mod 4), quadratic reciprocity;</li>
 *   <li>a odd: a = a - b (the symbol does not change).</li>
 * </ul>
 * Speed comes from Pornin's idea (optimized binary GCD, 2020): 29 steps at a time run on one 64-bit word per
 * value, made of the top 32 bits and the exact low 31 bits, collecting a 2x2 matrix of small signed factors,
 * which is then applied once to the full values (nine 29-bit limbs, plain 64-bit products). The rules read
 * only the 3 low bits, which stay exact for 29 steps. A comparison of the approximations can be wrong when the
 * top bits agree; the values are exact anyway, but one of them can end up negative. The symbol survives that:
 * with the Jacobi symbol taken modulo |b|, the (2/b) rule and subtraction hold for any signs, and reciprocity
 * with the same flip rule holds unless both are negative, which cannot happen within a batch (from two
 * non-negative values a wrong comparison makes one negative, and then a - b keeps its sign and the other
 * value never changes sign). Between batches negative values are negated: b freely, a with the (-1/b) rule.
 *
 * <p>The step budget is generous ({@link #MAX_BATCHES}); should it run out, the answer comes from the
 * exponentiation {@link Field25519#legendre} instead.
 */
final class QuadraticCharacter {

    /** About three times the most batches seen (19) over three million random and edge-case elements. */
    static final int MAX_BATCHES = 60;
    /** What {@link #binaryJacobi} returns when its batch budget runs out. */
    static final int UNDECIDED = 2;

    private static final int RADIX = 29;
    /** Steps per batch: 31 exact low bits, and the last step still needs the 3 low bits of b. */
    private static final int STEPS = 29;
    private static final long M29 = (1L << RADIX) - 1;
    private static final long LOW31 = (1L << 31) - 1;
    private static final long TOP32 = (1L << 32) - 1;
    private static final int LIMBS = 9;
    /** Two zero limbs above the value, so that top-bit extraction never checks bounds. */
    private static final int PADDED = LIMBS + 2;
    private static final long[] P_LIMBS = toRadix29(new long[] {
        (1L << 51) - 19, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1});

    private QuadraticCharacter() {
    }

    /** The Legendre symbol of x modulo p: 0 for zero, 1 for a non-zero square, -1 otherwise. */
    static int legendreVar(long[] x) {
        return legendreVar(x, MAX_BATCHES);
    }

    /** As {@link #legendreVar(long[])} with a given batch budget (tests use a tiny one to reach the fallback). */
    static int legendreVar(long[] x, int maxBatches) {
        int symbol = binaryJacobi(x, maxBatches);
        if (symbol != UNDECIDED) {
            return symbol;
        }
        long[] canonical = x.clone();
        Field25519.normalize(canonical);
        return byExponentiation(canonical);
    }

    /** The Legendre symbol of x, or {@link #UNDECIDED} when {@code maxBatches} batches of steps did not finish. */
    static int binaryJacobi(long[] x, int maxBatches) {
        long[] canonical = x.clone();
        Field25519.normalize(canonical);
        if ((canonical[0] | canonical[1] | canonical[2] | canonical[3] | canonical[4]) == 0) {
            return 0;
        }
        long[] a = toRadix29(canonical);
        long[] b = P_LIMBS.clone();
        long[] nextA = new long[PADDED];
        long[] nextB = new long[PADDED];
        Steps steps = new Steps();
        int len = LIMBS;
        int sign = 0;            // bit 0: the symbol has flipped an odd number of times
        for (int batch = 0; batch < maxBatches; batch++) {
            while (len > 1 && (a[len - 1] | b[len - 1]) == 0) {
                len--;
                nextA[len] = 0;  // all four arrays stay zero from limb len up
                nextB[len] = 0;
            }
            if (len == 1 && (a[0] <= 1 || b[0] == 1)) {
                // (a / 1) = (1 / b) = 1; a = 0 leaves b = gcd(x, p) = 1, as x is not zero
                return 1 - 2 * (sign & 1);
            }
            sign ^= steps.run(approximation(a, len, b), approximation(b, len, a));
            int negative = applyBoth(steps, a, b, len, nextA, nextB);
            if ((negative & 2) != 0) {
                applyRow(-steps.fb, -steps.gb, a, b, len, nextB);   // (a / |b|): the sign of b does not matter
            }
            if ((negative & 1) != 0) {
                applyRow(-steps.fa, -steps.ga, a, b, len, nextA);
                sign ^= (int) (nextB[0] >>> 1);                    // (-1 / b) = -1 when b = 3 (mod 4)
            }
            long[] t = a;
            a = nextA;
            nextA = t;
            t = b;
            b = nextB;
            nextB = t;
        }
        return UNDECIDED;
    }

    private static int byExponentiation(long[] x) {
        long[] chi = Field25519.create();
        Field25519.legendre(x, chi);
        if (Field25519.isZeroVar(chi)) {
            return 0;
        }
        return Field25519.isOneVar(chi) ? 1 : -1;
    }

    /**
     * v itself when both values fit in 63 bits, else its top 32 bits (at the common bit length of v and w) above
     * its exact low 31 bits. Always below 2^63, so the steps can compare by signed subtraction.
     */
    private static long approximation(long[] v, int len, long[] w) {
        int top = len - 1;
        int bitLength = RADIX * top + 64 - Long.numberOfLeadingZeros(v[top] | w[top]);
        long low = v[0] | (v[1] << RADIX);
        if (bitLength <= 63) {
            return low | (v[2] << (2 * RADIX));
        }
        int start = bitLength - 32;
        int limb = start / RADIX;
        int offset = start % RADIX;
        long high = (v[limb] >>> offset) | (v[limb + 1] << (RADIX - offset)) | (v[limb + 2] << (2 * RADIX - offset));
        return ((high & TOP32) << 31) | (low & LOW31);
    }

    /**
     * Both new values: outA = (fa a + ga b) / 2^29, outB = (fb a + gb b) / 2^29 (exact divisions: limb 0 of
     * each sum is zero). Bit 0 of the result is set when the new a is negative, bit 1 when the new b is; that
     * output is then not meaningful and is recomputed by {@link #applyRow} with negated factors.
     */
    private static int applyBoth(Steps m, long[] a, long[] b, int len, long[] outA, long[] outB) {
        long fa = m.fa;
        long ga = m.ga;
        long fb = m.fb;
        long gb = m.gb;
        // |factor| <= 2^29 with |f| + |g| <= 2^29, limbs below 2^29: every column stays below 2^59 in size
        long carryA = (fa * a[0] + ga * b[0]) >> RADIX;
        long carryB = (fb * a[0] + gb * b[0]) >> RADIX;
        for (int i = 1; i < len; i++) {
            long ai = a[i];
            long bi = b[i];
            long columnA = fa * ai + ga * bi + carryA;
            long columnB = fb * ai + gb * bi + carryB;
            outA[i - 1] = columnA & M29;
            outB[i - 1] = columnB & M29;
            carryA = columnA >> RADIX;
            carryB = columnB >> RADIX;
        }
        outA[len - 1] = carryA;
        outB[len - 1] = carryB;
        return (int) ((carryA >>> 63) | ((carryB >>> 63) << 1));
    }

    /** out = (f a + g b) / 2^29 for factors that make it non-negative. */
    private static void applyRow(long f, long g, long[] a, long[] b, int len, long[] out) {
        long carry = (f * a[0] + g * b[0]) >> RADIX;
        for (int i = 1; i < len; i++) {
            long column = f * a[i] + g * b[i] + carry;
            out[i - 1] = column & M29;
            carry = column >> RADIX;
        }
        out[len - 1] = carry;
    }

    /** The canonical representative (normalized five 51-bit limbs) in nine 29-bit limbs plus two zero limbs. */
    private static long[] toRadix29(long[] t) {
        long[] words = {
            t[0] | (t[1] << 51),
            (t[1] >>> 13) | (t[2] << 38),
            (t[2] >>> 26) | (t[3] << 25),
            (t[3] >>> 39) | (t[4] << 12),
        };
        long[] v = new long[PADDED];
        for (int i = 0; i < LIMBS; i++) {
            int bit = RADIX * i;
            int word = bit >>> 6;
            int offset = bit & 63;
            long value = words[word] >>> offset;
            if (offset > 64 - RADIX && word + 1 < words.length) {
                value |= words[word + 1] << (64 - offset);
            }
            v[i] = value & M29;
        }
        return v;
    }

    /**
     * 29 steps on the approximations xa, xb. Collects the factors with 2^s a_now = fa a + ga b and
     * 2^s b_now = fb a + gb b after s steps (the halving of a is recorded by doubling b's row, so the factors
     * stay integers; |fa| + |ga| and |fb| + |gb| stay at most 2^s). After s steps the low 31 - s bits of xa
     * and xb are exact; a step reads at most three.
     */
    private static final class Steps {
        long fa;
        long ga;
        long fb;
        long gb;

        /** Runs the steps; returns 1 when the symbol flipped an odd number of times, else 0. */
        int run(long xa, long xb) {
            // each row packed in one long, f + g 2^32: the steps only add, subtract, negate and double rows, and
            // |f|, |g| <= 2^29 keep both halves apart
            long rowA = 1;
            long rowB = 1L << 32;
            int flips = 0;
            int left = STEPS;
            while (true) {
                // all the halvings up to the next odd a at once; the sentinel bit stops at the steps left
                int zeros = Long.numberOfTrailingZeros(xa | (-1L << left));
                xa >>>= zeros;
                rowB <<= zeros;
                left -= zeros;
                flips ^= zeros & (int) ((xb >>> 1) ^ (xb >>> 2));
                if (left == 0) {
                    break;
                }
                // a odd: the difference of the two goes to a, the smaller one to b (swap = -1 when a < b)
                long d = xa - xb;
                long swap = d >> 63;
                flips ^= (int) (swap & ((xa & xb) >>> 1));
                xb += d & swap;
                xa = (d ^ swap) - swap;
                long dRow = rowA - rowB;
                rowB += dRow & swap;
                rowA = (dRow ^ swap) - swap;
            }
            fa = (rowA << 32) >> 32;
            ga = (rowA - fa) >> 32;
            fb = (rowB << 32) >> 32;
            gb = (rowB - fb) >> 32;
            return flips & 1;
        }
    }
}
