package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.Field25519.P;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
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
            int[] limbs = Field25519.create();
            Field25519.decode(Field25519.toLittleEndian32(v), 0, limbs);
            assertThat(Field25519.toBigInteger(limbs)).as("%s", v).isEqualTo(v.mod(P));
        }
    }

    @Test
    void powerToPMinus5Over8() {
        BigInteger exponent = P.subtract(BigInteger.valueOf(5)).shiftRight(3);
        for (int i = 0; i < 20; i++) {
            BigInteger x = randomElement();
            int[] z = Field25519.create();
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
            int[] z = Field25519.create();
            Field25519.reduceBigEndian48(bytes, 0, z);
            assertThat(Field25519.toBigInteger(z)).isEqualTo(new BigInteger(1, bytes).mod(P));
        }
    }

    @Test
    void equalityAndSignAreModular() {
        BigInteger x = randomElement();
        int[] a = Field25519.constant(x);
        int[] b = Field25519.create();
        Field25519.mul(a, Field25519.constant(1), b);
        assertThat(Field25519.equalMask(a, b)).isEqualTo(-1);
        assertThat(Field25519.equalMask(a, Field25519.constant(x.add(BigInteger.ONE)))).isZero();
        assertThat(Field25519.sgn0(a)).isEqualTo(x.testBit(0) ? 1 : 0);
        assertThat(Field25519.sgn0(Field25519.constant(P.subtract(BigInteger.ONE)))).isZero();
    }
}
