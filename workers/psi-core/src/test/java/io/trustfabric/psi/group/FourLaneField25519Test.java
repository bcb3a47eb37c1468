package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.FourLaneField25519.LANES;
import static io.trustfabric.psi.group.FourLaneField25519.LIMBS;
import static io.trustfabric.psi.group.FourLaneField25519.WEIGHT;
import static io.trustfabric.psi.group.Field25519.P;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four-lane field against BigInteger: random limbs anywhere in the documented input range, limbs at its
 * extremes, and conversions of the edge values. A rounding anywhere would change the result modulo p.
 */
class FourLaneField25519Test {

    /**
     * The carried bound of the class comment, rounded up: 2^(width-1) plus the second-round carry (2^15.25,
     * 2^14.25, 2^11.01 rounded up to 5 2^13, 5 2^12 and 2^11 + 2^5). Four times it still keeps every column
     * below 2^53 (2^52.97).
     */
    static long carriedBound(int k) {
        int width = WEIGHT[k + 1] - WEIGHT[k];
        long secondRoundCarry = switch (k) {
            case 0 -> 5L << 13;
            case 1 -> 5L << 12;
            default -> (1L << 11) + (1L << 5);
        };
        return (1L << (width - 1)) + secondRoundCarry;
    }

    private final Random random = new Random(7748);

    /** A four-lane element whose limb k (relative to 2^w(k)) is limb.applyAsLong(4 k + lane). */
    private static double[] element(IntToLongFunction limb) {
        double[] x = FourLaneField25519.create();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.scalb((double) limb.applyAsLong(i), WEIGHT[i / LANES]);
        }
        return x;
    }

    /** Random signed limbs up to factor times the carried bound, with some at exactly plus or minus that. */
    private double[] randomElement(int factor) {
        return element(i -> {
            long max = factor * carriedBound(i / LANES);
            return switch (random.nextInt(8)) {
                case 0 -> max;
                case 1 -> -max;
                default -> (long) ((random.nextDouble() * 2 - 1) * max);
            };
        });
    }

    /** Lane {@code lane} of z = x, any Field25519 limbs (normalized first, as the ladder does). */
    static void fromField(long[] x, double[] z, int lane) {
        long[] canonical = x.clone();
        Field25519.normalize(canonical);
        FourLaneField25519.fromCanonical(canonical, z, lane);
    }

    static BigInteger value(double[] x, int lane) {
        BigInteger sum = BigInteger.ZERO;
        for (int k = 0; k < LIMBS; k++) {
            long digit = (long) Math.scalb(x[LANES * k + lane], -WEIGHT[k]);
            assertThat(Math.scalb((double) digit, WEIGHT[k])).as("limb %d is a multiple of 2^w(k)", k)
                    .isEqualTo(x[LANES * k + lane]);
            sum = sum.add(BigInteger.valueOf(digit).shiftLeft(WEIGHT[k]));
        }
        return sum.mod(P);
    }

    static void assertCarried(double[] x) {
        for (int i = 0; i < x.length; i++) {
            int k = i / LANES;
            assertThat(Math.abs(Math.scalb(x[i], -WEIGHT[k]))).as("limb %d lane %d", k, i % LANES)
                    .isLessThanOrEqualTo((double) carriedBound(k));
        }
    }

    private void assertProducts(double[] a, double[] b) {
        double[] z = FourLaneField25519.create();
        FourLaneField25519.mul(a, b, z);
        double[] s = FourLaneField25519.create();
        FourLaneField25519.sqr(a, s);
        assertCarried(z);
        assertCarried(s);
        for (int lane = 0; lane < LANES; lane++) {
            BigInteger x = value(a, lane);
            assertThat(value(z, lane)).as("mul lane %d", lane).isEqualTo(x.multiply(value(b, lane)).mod(P));
            assertThat(value(s, lane)).as("sqr lane %d", lane).isEqualTo(x.multiply(x).mod(P));
        }
    }

    @ParameterizedTest(name = "inputs up to {0} times the carried bound")
    @ValueSource(ints = {1, 2, 4})
    void mulAndSqrMatchBigIntegerOnRandomLimbs(int factor) {
        for (int i = 0; i < 2000; i++) {
            assertProducts(randomElement(factor), randomElement(factor));
        }
    }

    @Test
    void mulAndSqrAreExactWithEveryLimbAtTheExtremes() {
        // the largest column: all limbs at +max (or the signs arranged so that every product is positive)
        double[] plus = element(i -> 4 * carriedBound(i / LANES));
        double[] minus = element(i -> -4 * carriedBound(i / LANES));
        double[] alternating = element(i -> (i / LANES % 2 == 0 ? 4 : -4) * carriedBound(i / LANES));
        double[] perLane = element(i -> (i % LANES < 2 ? 4 : -4) * carriedBound(i / LANES));
        double[][] extremes = {plus, minus, alternating, perLane};
        for (double[] a : extremes) {
            for (double[] b : extremes) {
                assertProducts(a, b);
            }
        }
    }

    @Test
    void outputsAtTheCarriedBoundAreValidInputsAgain() {
        double[] x = randomElement(4);
        for (int i = 0; i < 1000; i++) {
            double[] y = FourLaneField25519.create();
            FourLaneField25519.sqr(x, y);
            double[] sum = FourLaneField25519.create();
            double[] difference = FourLaneField25519.create();
            FourLaneField25519.addSub(y, x, sum, difference);
            for (int lane = 0; lane < LANES; lane++) {
                assertThat(value(sum, lane)).isEqualTo(value(y, lane).add(value(x, lane)).mod(P));
                assertThat(value(difference, lane)).isEqualTo(value(y, lane).subtract(value(x, lane)).mod(P));
            }
            assertProducts(sum, difference);
            x = y;
        }
    }

    @Test
    void ladderEMatchesBigInteger() {
        for (int i = 0; i < 2000; i++) {
            double[] aa = randomElement(1);
            double[] bb = randomElement(1);
            double[] e = FourLaneField25519.create();
            double[] t = FourLaneField25519.create();
            FourLaneField25519.ladderE(aa, bb, e, t);
            assertCarried(t);
            for (int lane = 0; lane < LANES; lane++) {
                BigInteger expectedE = value(aa, lane).subtract(value(bb, lane)).mod(P);
                assertThat(value(e, lane)).isEqualTo(expectedE);
                assertThat(value(t, lane)).isEqualTo(value(aa, lane).add(expectedE.multiply(BigInteger.valueOf(121665))).mod(P));
            }
        }
    }

    @Test
    void carryKeepsTheValueAndMeetsTheBound() {
        for (int i = 0; i < 2000; i++) {
            // limbs up to 2^53 relative: as large as an exact column can get, some exactly at it
            double[] x = element(k -> switch (random.nextInt(4)) {
                case 0 -> 1L << 53;
                case 1 -> -(1L << 53);
                default -> random.nextLong() >> 10;
            });
            double[] z = FourLaneField25519.create();
            FourLaneField25519.carry(x, z);
            assertCarried(z);
            for (int lane = 0; lane < LANES; lane++) {
                assertThat(value(z, lane)).isEqualTo(value(x, lane));
            }
        }
    }

    @Test
    void swapsAndLadderInputs() {
        double[] x2 = randomElement(1);
        double[] z2 = randomElement(1);
        double[] x3 = randomElement(1);
        double[] z3 = randomElement(1);
        double[][] out = {FourLaneField25519.create(), FourLaneField25519.create(), FourLaneField25519.create(),
            FourLaneField25519.create()};
        for (double swap : new double[] {0.0, 1.0}) {
            FourLaneField25519.ladderInputs(swap, x2, z2, x3, z3, out[0], out[1], out[2], out[3]);
            double[] p = swap == 0 ? x2 : x3;
            double[] q = swap == 0 ? z2 : z3;
            double[] r = swap == 0 ? x3 : x2;
            double[] t = swap == 0 ? z3 : z2;
            for (int lane = 0; lane < LANES; lane++) {
                assertThat(value(out[0], lane)).isEqualTo(value(p, lane).add(value(q, lane)).mod(P));
                assertThat(value(out[1], lane)).isEqualTo(value(p, lane).subtract(value(q, lane)).mod(P));
                assertThat(value(out[2], lane)).isEqualTo(value(r, lane).add(value(t, lane)).mod(P));
                assertThat(value(out[3], lane)).isEqualTo(value(r, lane).subtract(value(t, lane)).mod(P));
            }
        }
        double[] a = x2.clone();
        double[] b = x3.clone();
        FourLaneField25519.cswap(0.0, a, b);
        assertThat(a).isEqualTo(x2);
        assertThat(b).isEqualTo(x3);
        FourLaneField25519.cswap(1.0, a, b);
        assertThat(a).isEqualTo(x3);
        assertThat(b).isEqualTo(x2);
    }

    @Test
    void conversionsRoundTripEdgeValues() {
        BigInteger two255 = BigInteger.ONE.shiftLeft(255);
        BigInteger[] values = {BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), P,
            two255.subtract(BigInteger.ONE), BigInteger.valueOf(9), two255.shiftRight(1), P.shiftRight(3)};
        for (BigInteger v : values) {
            assertRoundTrip(v);
        }
        for (int i = 0; i < 2000; i++) {
            assertRoundTrip(new BigInteger(255, random));
        }
    }

    @Test
    void nonCanonicalFieldLimbsConvert() {
        long[] allOnes = new long[Field25519.LIMBS];
        Arrays.fill(allOnes, (1L << 51) - 1);           // 2^255 - 1, not reduced
        long[] large = new long[Field25519.LIMBS];
        Arrays.fill(large, (1L << 51) + (1L << 17) - 1);  // the largest "reduced" Field25519 limbs
        for (long[] limbs : new long[][] {allOnes, large}) {
            double[] x = FourLaneField25519.create();
            for (int lane = 0; lane < LANES; lane++) {
                fromField(limbs, x, lane);
            }
            assertCarried(x);
            BigInteger expected = Field25519.toBigInteger(limbs);
            for (int lane = 0; lane < LANES; lane++) {
                assertThat(value(x, lane)).isEqualTo(expected);
            }
        }
    }

    private void assertRoundTrip(BigInteger v) {
        long[] field = Field25519.constant(v);
        if (v.bitLength() <= 255) {                               // also non-canonical: decode keeps 255 bits
            Field25519.decode(Field25519.toLittleEndian32(v), 0, field);
        }
        double[] x = FourLaneField25519.create();
        for (int lane = 0; lane < LANES; lane++) {
            fromField(field, x, lane);
        }
        assertCarried(x);
        for (int lane = 0; lane < LANES; lane++) {
            assertThat(value(x, lane)).isEqualTo(v.mod(P));
            long[] back = Field25519.create();
            FourLaneField25519.toField(x, lane, back);
            assertThat(Field25519.toBigInteger(back)).isEqualTo(v.mod(P));
        }
    }

    @Test
    void toFieldAcceptsLimbsAtTheCarriedExtremes() {
        double[] extreme = element(i -> (i % LANES == 0 ? 1 : -1) * ((i / LANES) % 2 == 0 ? 1 : -1) * carriedBound(i / LANES));
        for (int lane = 0; lane < LANES; lane++) {
            long[] back = Field25519.create();
            FourLaneField25519.toField(extreme, lane, back);
            assertThat(Field25519.toBigInteger(back)).isEqualTo(value(extreme, lane));
        }
    }
}
