package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.Field25519.P;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.junit.jupiter.api.Test;

/** The field helpers against BigInteger arithmetic modulo p. */
class Field25519Test {

    private final Random random = new Random(25519);

    private BigInteger randomElement() {
        return new BigInteger(255, random).mod(P);
    }

    @Test
    void canonicalEncodingOfValuesAtAndAboveP() {
        for (BigInteger v : new BigInteger[] {P, P.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE),
            P.subtract(BigInteger.ONE), BigInteger.ZERO}) {
            long[] limbs = Field25519.create();
            Field25519.decode(Field25519.toLittleEndian32(v), 0, limbs);
            assertThat(Field25519.toBigInteger(limbs)).as("%s", v).isEqualTo(v.mod(P));
        }
    }

    @Test
    void powerToPMinus5Over8() {
        BigInteger exponent = P.subtract(BigInteger.valueOf(5)).shiftRight(3);
        for (int i = 0; i < 20; i++) {
            BigInteger x = randomElement();
            long[] z = Field25519.create();
            Field25519.powPMinus5Over8(Field25519.constant(x), z);
            assertThat(Field25519.toBigInteger(z)).isEqualTo(x.modPow(exponent, P));
        }
    }

    @Test
    void squaresAreRecognised() {
        int squares = 0;
        for (int i = 0; i < 40; i++) {
            BigInteger x = randomElement();
            boolean expected = x.signum() == 0 || x.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
            assertThat(Field25519.isSquareVar(Field25519.constant(x))).isEqualTo(expected);
            squares += expected ? 1 : 0;
            BigInteger square = x.multiply(x).mod(P);
            assertThat(Field25519.isSquareVar(Field25519.constant(square))).isTrue();
        }
        assertThat(squares).isBetween(5, 35);
    }

    @Test
    void wideReductionOf48BigEndianBytes() {
        byte[] bytes = new byte[48];
        for (int i = 0; i < 200; i++) {
            random.nextBytes(bytes);
            if (i == 0) {
                java.util.Arrays.fill(bytes, (byte) 0xFF);
            }
            long[] z = Field25519.create();
            Field25519.reduceBigEndian48(bytes, 0, z);
            assertThat(Field25519.toBigInteger(z)).isEqualTo(new BigInteger(1, bytes).mod(P));
        }
    }

    @Test
    void equalityAndSignAreModular() {
        BigInteger x = randomElement();
        long[] a = Field25519.constant(x);
        long[] b = Field25519.create();
        Field25519.mul(a, Field25519.constant(1), b);
        assertThat(Field25519.equalMask(a, b)).isEqualTo(-1);
        assertThat(Field25519.equalMask(a, Field25519.constant(x.add(BigInteger.ONE)))).isZero();
        assertThat(Field25519.sgn0(a)).isEqualTo(x.testBit(0) ? 1 : 0);
        assertThat(Field25519.sgn0(Field25519.constant(P.subtract(BigInteger.ONE)))).isZero();
    }

    // ---- radix 2^51 arithmetic at the limb bounds the class comment promises ----

    private static final long REDUCED_MAX = (1L << 51) + (1L << 18) - 1;
    private static final long INPUT_MAX = 3 * (1L << 52) - 1;
    /** Limbs whose products sit on or next to multiples of 2^51, where a quotient estimate is most fragile. */
    private static final long[] SPECIAL_LIMBS = {1, 2, (1L << 51) - 1, 1L << 51, (1L << 51) + 1, (1L << 52) - 1,
        1L << 52, (1L << 26), (1L << 25) + 1, (1L << 53) - 1, 1L << 53};

    /** The integer a limb vector stands for (not reduced mod p). */
    private static BigInteger value(long[] limbs) {
        BigInteger v = BigInteger.ZERO;
        for (int i = limbs.length - 1; i >= 0; i--) {
            v = v.shiftLeft(51).add(BigInteger.valueOf(limbs[i]));
        }
        return v;
    }

    private long[] randomLimbs(long max) {
        long[] limbs = new long[Field25519.LIMBS];
        for (int i = 0; i < limbs.length; i++) {
            int pick = random.nextInt(10);
            long special = SPECIAL_LIMBS[random.nextInt(SPECIAL_LIMBS.length)];
            limbs[i] = pick == 0 ? max : pick == 1 ? 0 : pick == 2 && special <= max ? special
                    : (random.nextLong() >>> 1) % (max + 1);
        }
        return limbs;
    }

    private static void assertReduced(long[] limbs) {
        for (long limb : limbs) {
            assertThat(limb).isBetween(0L, REDUCED_MAX);
        }
    }

    @Test
    void mulAndSqrAreExactUpToTheInputBound() {
        long[] allMax = {INPUT_MAX, INPUT_MAX, INPUT_MAX, INPUT_MAX, INPUT_MAX};
        for (int i = 0; i < 20000; i++) {
            long[] x = i == 0 ? allMax : randomLimbs(INPUT_MAX);
            long[] y = i == 0 ? allMax : randomLimbs(INPUT_MAX);
            long[] product = Field25519.create();
            Field25519.mul(x, y, product);
            assertThat(value(product).mod(P)).isEqualTo(value(x).multiply(value(y)).mod(P));
            assertReduced(product);
            long[] square = Field25519.create();
            Field25519.sqr(x, square);
            assertThat(value(square).mod(P)).isEqualTo(value(x).pow(2).mod(P));
            assertReduced(square);
        }
    }

    @Test
    void mulMayWriteOverEitherInput() {
        BigInteger x = randomElement();
        BigInteger y = randomElement();
        long[] a = Field25519.constant(x);
        Field25519.mul(a, Field25519.constant(y), a);
        long[] b = Field25519.constant(y);
        Field25519.mul(Field25519.constant(x), b, b);
        assertThat(Field25519.toBigInteger(a)).isEqualTo(x.multiply(y).mod(P)).isEqualTo(Field25519.toBigInteger(b));
    }

    @Test
    void subStaysNonNegativeForReducedSubtrahends() {
        for (int i = 0; i < 2000; i++) {
            long[] x = randomLimbs(2 * REDUCED_MAX);     // a sum of two reduced values
            long[] y = randomLimbs(REDUCED_MAX);
            long[] d = Field25519.create();
            Field25519.sub(x, y, d);
            for (long limb : d) {
                assertThat(limb).isBetween(0L, INPUT_MAX);
            }
            assertThat(value(d).mod(P)).isEqualTo(value(x).subtract(value(y)).mod(P));
        }
    }

    @Test
    void smallConstantMultiplication() {
        for (int c : new int[] {0, 1, 38, Field25519.LADDER_A24, (1 << 20) - 1}) {
            for (int i = 0; i < 300; i++) {
                long[] x = randomLimbs(INPUT_MAX);
                long[] z = Field25519.create();
                Field25519.mulSmall(x, c, z);
                assertThat(value(z).mod(P)).isEqualTo(value(x).multiply(BigInteger.valueOf(c)).mod(P));
                assertReduced(z);
            }
        }
    }

    @Test
    void carryAndNormalizeReachTheCanonicalRepresentative() {
        long big = Long.MAX_VALUE >>> 1;
        long[][] cases = {
            {big, big, big, big, big},
            {(1L << 51) - 19, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1},   // p
            {(1L << 51) - 20, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1},   // p - 1
            {(1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1},    // 2^255 - 1
            {0, 1L << 51, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1},                       // 2^255 - 2^51 ... carry
            {0, 0, 0, 0, 0},
        };
        for (long[] limbs : cases) {
            BigInteger expected = value(limbs).mod(P);
            long[] carried = limbs.clone();
            Field25519.carry(carried);
            assertReduced(carried);
            assertThat(value(carried).mod(P)).isEqualTo(expected);
            long[] normalized = limbs.clone();
            Field25519.normalize(normalized);
            assertThat(value(normalized)).as("%s", java.util.Arrays.toString(limbs)).isEqualTo(expected);
        }
        for (int i = 0; i < 2000; i++) {
            long[] limbs = randomLimbs(big);
            long[] normalized = limbs.clone();
            Field25519.normalize(normalized);
            assertThat(value(normalized)).isEqualTo(value(limbs).mod(P));
        }
    }

    @Test
    void inversionAndZeroTests() {
        for (int i = 0; i < 20; i++) {
            BigInteger x = randomElement().add(BigInteger.ONE).mod(P);
            long[] z = Field25519.create();
            Field25519.inv(Field25519.constant(x), z);
            assertThat(Field25519.toBigInteger(z)).isEqualTo(x.modInverse(P));
        }
        long[] pLimbs = {(1L << 51) - 19, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1};
        assertThat(Field25519.isZero(pLimbs)).isEqualTo(-1);
        assertThat(Field25519.isZero(Field25519.constant(1))).isZero();
        assertThat(Field25519.isOneVar(new long[] {(1L << 51) - 18, (1L << 51) - 1, (1L << 51) - 1, (1L << 51) - 1,
            (1L << 51) - 1})).isTrue();                                                          // p + 1
    }

    @Test
    void conditionalSwapAndMove() {
        long[] a = randomLimbs(REDUCED_MAX);
        long[] b = randomLimbs(REDUCED_MAX);
        long[] a0 = a.clone();
        long[] b0 = b.clone();
        Field25519.cswap(0, a, b);
        assertThat(a).containsExactly(a0);
        Field25519.cswap(1, a, b);
        assertThat(a).containsExactly(b0);
        assertThat(b).containsExactly(a0);
        Field25519.cmov(0, a0, a);
        assertThat(a).containsExactly(b0);
        Field25519.cmov(-1, a0, a);
        assertThat(a).containsExactly(a0);
    }

    @Test
    void agreesWithBouncyCastlesTenLimbField() {
        for (int i = 0; i < 200; i++) {
            BigInteger x = randomElement();
            BigInteger y = randomElement();
            int[] bcX = X25519Field.create();
            int[] bcY = X25519Field.create();
            X25519Field.decode(Field25519.toLittleEndian32(x), 0, bcX);
            X25519Field.decode(Field25519.toLittleEndian32(y), 0, bcY);
            X25519Field.mul(bcX, bcY, bcX);
            X25519Field.normalize(bcX);
            byte[] expected = new byte[32];
            X25519Field.encode(bcX, expected, 0);
            long[] ours = Field25519.create();
            Field25519.mul(Field25519.constant(x), Field25519.constant(y), ours);
            byte[] actual = new byte[32];
            Field25519.encode(ours, actual, 0);
            assertThat(actual).isEqualTo(expected);
        }
    }
}
