package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.FourLaneField25519.LIMBS;
import static io.trustfabric.psi.group.FourLaneField25519.WEIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The exactness argument of {@link FourLaneField25519}'s class comment, evaluated exactly on worst-case
 * magnitudes (absolute values, integers): carries of the largest exact columns stay within the carried bound the
 * other tests use, and products of inputs up to four times that bound keep every column below 2^(w(k) + 53).
 */
class FourLaneBoundsTest {

    private static final BigInteger NINETEEN = BigInteger.valueOf(19);

    private static BigInteger pow2(int e) {
        return BigInteger.ONE.shiftLeft(e);
    }

    /** ceil(19 x / 2^255): the worst case of a multiple of 2^255 moved to weight 2^0. */
    private static BigInteger wrapped(BigInteger x) {
        BigInteger[] qr = x.multiply(NINETEEN).divideAndRemainder(pow2(255));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** One round of parallel carries on limb magnitudes t: each limb keeps at most half a unit of the next. */
    private static BigInteger[] carryRound(BigInteger[] t) {
        BigInteger[] carry = new BigInteger[LIMBS];
        for (int k = 0; k < LIMBS; k++) {
            assertThat(t[k]).as("carry input %d is in the exact range of the rounding", k).isLessThan(pow2(51 + WEIGHT[k + 1]));
            carry[k] = t[k].add(pow2(WEIGHT[k + 1] - 1));   // t rounded to the nearest multiple of 2^w(k+1)
        }
        BigInteger[] out = new BigInteger[LIMBS];
        for (int k = 0; k < LIMBS; k++) {
            BigInteger in = k == 0 ? wrapped(carry[LIMBS - 1]) : carry[k - 1];
            out[k] = pow2(WEIGHT[k + 1] - 1).add(in);
        }
        return out;
    }

    /** Column magnitudes of a product of limbs bounded by a and b (wrapped products folded as 19 2^-255). */
    private static BigInteger[] columns(BigInteger[] a, BigInteger[] b) {
        BigInteger[] column = new BigInteger[LIMBS];
        for (int k = 0; k < LIMBS; k++) {
            BigInteger low = BigInteger.ZERO;
            BigInteger high = BigInteger.ZERO;
            for (int i = 0; i < LIMBS; i++) {
                int j = k - i;
                if (j >= 0) {
                    low = low.add(a[i].multiply(b[j]));
                } else {
                    high = high.add(a[i].multiply(b[j + LIMBS]));
                }
            }
            assertThat(high).as("wrapped partial sums of column %d", k).isLessThan(pow2(255 + WEIGHT[k] + 53));
            column[k] = low.add(wrapped(high));
        }
        return column;
    }

    private static BigInteger[] testCarriedBound(int factor) {
        BigInteger[] bound = new BigInteger[LIMBS];
        for (int k = 0; k < LIMBS; k++) {
            bound[k] = BigInteger.valueOf(factor * FourLaneField25519Test.carriedBound(k)).shiftLeft(WEIGHT[k]);
        }
        return bound;
    }

    @Test
    void carryingAnyExactColumnsGivesTheCarriedBound() {
        BigInteger[] largestExact = new BigInteger[LIMBS];
        for (int k = 0; k < LIMBS; k++) {
            largestExact[k] = pow2(WEIGHT[k] + 53);
        }
        BigInteger[] carried = carryRound(carryRound(largestExact));
        BigInteger[] claimed = testCarriedBound(1);
        for (int k = 0; k < LIMBS; k++) {
            assertThat(carried[k]).as("limb %d", k).isLessThanOrEqualTo(claimed[k]);
        }
    }

    @Test
    void productsOfInputsUpToFourTimesTheCarriedBoundAreExact() {
        BigInteger[] inputs = testCarriedBound(4);
        BigInteger[] column = columns(inputs, inputs);
        for (int k = 0; k < LIMBS; k++) {
            assertThat(column[k]).as("column %d", k).isLessThan(pow2(WEIGHT[k] + 53));
        }
        // and the product of such inputs is within the carry's exact range, so its output is carried again
        carryRound(carryRound(column));
    }

    @Test
    void ladderCombinationIsExactBeforeItsCarry() {
        BigInteger[] carried = testCarriedBound(1);
        for (int k = 0; k < LIMBS; k++) {
            // aa + 121665 (aa - bb), |aa|, |bb| carried: one FMA of exact integers
            BigInteger t = carried[k].add(BigInteger.valueOf(121665).multiply(carried[k].shiftLeft(1)));
            assertThat(t).as("limb %d", k).isLessThan(pow2(WEIGHT[k] + 53));
        }
    }
}
