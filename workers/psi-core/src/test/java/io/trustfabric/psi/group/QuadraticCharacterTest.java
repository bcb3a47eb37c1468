package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.Field25519.P;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The binary Jacobi-symbol algorithm against Euler's criterion x^((p-1)/2) mod p in BigInteger arithmetic. */
class QuadraticCharacterTest {

    private static final BigInteger HALF_P_MINUS_ONE = P.subtract(BigInteger.ONE).shiftRight(1);
    private static final long M51 = (1L << 51) - 1;

    private final Random random = new Random(0x1ACB1L);

    /** Euler's criterion: 0, 1 or -1. */
    private static int euler(BigInteger x) {
        BigInteger power = x.mod(P).modPow(HALF_P_MINUS_ONE, P);
        if (power.signum() == 0) {
            return 0;
        }
        assertThat(power).isIn(BigInteger.ONE, P.subtract(BigInteger.ONE));
        return power.equals(BigInteger.ONE) ? 1 : -1;
    }

    private BigInteger randomElement() {
        return new BigInteger(255, random).mod(P);
    }

    private BigInteger randomNonZero() {
        BigInteger x;
        do {
            x = randomElement();
        } while (x.signum() == 0);
        return x;
    }

    private static int character(BigInteger x) {
        return QuadraticCharacter.legendreVar(Field25519.constant(x));
    }

    /** The binary algorithm alone: it must finish within its budget, not hand over to the exponentiation. */
    private static int decidedWithoutFallback(BigInteger x) {
        int symbol = QuadraticCharacter.binaryJacobi(Field25519.constant(x), QuadraticCharacter.MAX_BATCHES);
        assertThat(symbol).as("x = %s decided within the budget", x).isNotEqualTo(QuadraticCharacter.UNDECIDED);
        return symbol;
    }

    @Test
    void agreesWithEulersCriterionOnRandomElements() {
        int squares = 0;
        int nonSquares = 0;
        for (int i = 0; i < 5000; i++) {
            BigInteger x = randomElement();
            int expected = euler(x);
            assertThat(decidedWithoutFallback(x)).as("x = %s", x).isEqualTo(expected);
            squares += expected == 1 ? 1 : 0;
            nonSquares += expected == -1 ? 1 : 0;
        }
        assertThat(squares).isBetween(2300, 2700);
        assertThat(nonSquares).isBetween(2300, 2700);
    }

    @Test
    void knownValues() {
        assertThat(character(BigInteger.ZERO)).isZero();
        assertThat(character(BigInteger.ONE)).isEqualTo(1);
        // p = 1 (mod 4): -1 is a square; p = 5 (mod 8): 2 is not
        assertThat(character(P.subtract(BigInteger.ONE))).isEqualTo(1);
        assertThat(character(BigInteger.TWO)).isEqualTo(-1);
        for (long small : new long[] {2, 3, 4, 5, 19, 38, 486660, 486662, 486664, 121665, 121666}) {
            BigInteger x = BigInteger.valueOf(small);
            assertThat(character(x)).as("x = %d", small).isEqualTo(euler(x));
            assertThat(character(P.subtract(x))).as("x = p - %d", small).isEqualTo(euler(P.subtract(x)));
        }
    }

    @Test
    void smallValuesAndPowersOfTwo() {
        for (int small = 0; small < 2000; small++) {
            BigInteger x = BigInteger.valueOf(small);
            assertThat(character(x)).as("x = %d", small).isEqualTo(euler(x));
        }
        // long runs of zero bits: whole batches that only halve, the largest matrix factors (2^62)
        for (int k = 0; k < 255; k++) {
            BigInteger power = BigInteger.ONE.shiftLeft(k);
            assertThat(decidedWithoutFallback(power)).as("2^%d", k).isEqualTo(k % 2 == 0 ? 1 : -1);
            assertThat(character(power.subtract(BigInteger.ONE))).as("2^%d - 1", k)
                    .isEqualTo(euler(power.subtract(BigInteger.ONE)));
            assertThat(character(P.subtract(power))).as("p - 2^%d", k).isEqualTo(euler(P.subtract(power)));
        }
    }

    /**
     * Values whose top bits agree with p's (or with p / 2's): the 32-bit approximations then compare wrongly now
     * and then and a value goes negative within a batch (about one call in 70 here, counted when written),
     * which exercises the sign repair between batches.
     */
    @Test
    void valuesCloseToPAndToHalfP() {
        BigInteger halfP = P.shiftRight(1);
        for (int i = 0; i < 3000; i++) {
            BigInteger offset = new BigInteger(32 + random.nextInt(200), random);
            for (BigInteger x : new BigInteger[] {P.subtract(offset), halfP.add(offset), halfP.subtract(offset)}) {
                BigInteger reduced = x.mod(P);
                assertThat(decidedWithoutFallback(reduced)).as("x = %s", reduced).isEqualTo(euler(reduced));
            }
        }
    }

    @Test
    void squaresAreOneAndNonSquareTimesSquareIsMinusOne() {
        BigInteger nonSquare = BigInteger.TWO;
        for (int i = 0; i < 500; i++) {
            BigInteger r = randomNonZero();
            BigInteger square = r.multiply(r).mod(P);
            assertThat(character(square)).as("r^2, r = %s", r).isEqualTo(1);
            assertThat(character(square.multiply(nonSquare).mod(P))).as("2 r^2, r = %s", r).isEqualTo(-1);
            BigInteger otherNonSquare = randomNonSquare();
            assertThat(character(square.multiply(otherNonSquare).mod(P))).isEqualTo(-1);
        }
    }

    private BigInteger randomNonSquare() {
        BigInteger x;
        do {
            x = randomNonZero();
        } while (euler(x) != -1);
        return x;
    }

    @Test
    void nonCanonicalLimbsAreReducedFirst() {
        long[] pLimbs = {M51 - 18, M51, M51, M51, M51};
        // p + 5 and 2p + 5, limb by limb, without reduction
        long[] pPlusFive = pLimbs.clone();
        pPlusFive[0] += 5;
        assertThat(QuadraticCharacter.legendreVar(pPlusFive)).isEqualTo(euler(BigInteger.valueOf(5)));
        long[] twoPPlusTwo = new long[5];
        for (int i = 0; i < 5; i++) {
            twoPPlusTwo[i] = 2 * pLimbs[i];
        }
        twoPPlusTwo[0] += 2;
        assertThat(QuadraticCharacter.legendreVar(twoPPlusTwo)).isEqualTo(-1);
        // p and 2p themselves are zero
        assertThat(QuadraticCharacter.legendreVar(pLimbs)).isZero();
        long[] twoP = pLimbs.clone();
        Field25519.add(pLimbs, pLimbs, twoP);
        assertThat(QuadraticCharacter.legendreVar(twoP)).isZero();
        // x + 2p with every limb near 2^52, as Field25519.sub produces
        for (int i = 0; i < 200; i++) {
            BigInteger x = randomElement();
            long[] limbs = Field25519.create();
            Field25519.sub(Field25519.constant(x), Field25519.constant(0), limbs);
            assertThat(limbs[1]).isGreaterThan(1L << 51);
            assertThat(QuadraticCharacter.legendreVar(limbs)).as("x = %s", x).isEqualTo(euler(x));
        }
    }

    @Test
    void limbsLeftByMultiplicationAgreeWithTheExponentiation() {
        for (int i = 0; i < 300; i++) {
            long[] product = Field25519.create();
            Field25519.mul(Field25519.constant(randomElement()), Field25519.constant(randomElement()), product);
            long[] chi = Field25519.create();
            Field25519.legendre(product, chi);
            int expected = Field25519.isZeroVar(chi) ? 0 : Field25519.isOneVar(chi) ? 1 : -1;
            assertThat(QuadraticCharacter.legendreVar(product)).isEqualTo(expected);
            assertThat(Field25519.isSquareVar(product)).isEqualTo(expected >= 0);
        }
    }

    @Test
    void exhaustedBatchBudgetFallsBackToTheExponentiation() {
        for (int budget : new int[] {0, 1, 2, 5}) {
            for (int i = 0; i < 50; i++) {
                BigInteger x = randomElement();
                assertThat(QuadraticCharacter.legendreVar(Field25519.constant(x), budget))
                        .as("budget %d, x = %s", budget, x).isEqualTo(euler(x));
            }
            assertThat(QuadraticCharacter.legendreVar(Field25519.constant(0), budget)).isZero();
            assertThat(QuadraticCharacter.binaryJacobi(Field25519.constant(randomNonZero()), 0))
                    .isEqualTo(QuadraticCharacter.UNDECIDED);
            assertThat(QuadraticCharacter.legendreVar(Field25519.constant(2), budget)).isEqualTo(-1);
        }
    }

    @Test
    void theInputIsNotModified() {
        long[] pLimbs = {M51 - 18 + 7, M51, M51, M51, M51};
        long[] copy = pLimbs.clone();
        QuadraticCharacter.legendreVar(pLimbs);
        assertThat(pLimbs).containsExactly(copy);
    }
}
