package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.FourLaneLadder.LANES;
import static io.trustfabric.psi.group.TestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The four-lane ladder against the scalar ladder and RFC 7748 (clamping applied by the test, as in MontgomeryLadderTest). */
class FourLaneLadderTest {

    private final FourLaneLadder fourLanes = new FourLaneLadder();
    private final MontgomeryLadder scalarLadder = new MontgomeryLadder();
    private final Random random = new Random(25519);

    private static long[][] elements(int n) {
        long[][] out = new long[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Field25519.create();
        }
        return out;
    }

    private long[] randomField() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        long[] u = Field25519.create();
        Field25519.decode(bytes, 0, u);
        return u;
    }

    private static BigInteger affine(long[] x, long[] z) {
        long[] t = Field25519.create();
        Field25519.inv(z, t);
        Field25519.mul(x, t, t);
        return Field25519.toBigInteger(t);
    }

    /** Same projective point: x z' = x' z (and both z zero or both non-zero). */
    private void assertSameAsScalarLadder(byte[] scalar, long[] u, long[] x, long[] z) {
        long[] ex = Field25519.create();
        long[] ez = Field25519.create();
        scalarLadder.multiply(scalar, u, ex, ez);
        assertThat(Field25519.isZeroVar(z)).isEqualTo(Field25519.isZeroVar(ez));
        assertThat(affine(x, z)).isEqualTo(affine(ex, ez));
    }

    @Test
    void randomPointsAndCofactorScalarsMatchTheScalarLadder() {
        SecureRandom secure = new SecureRandom(new byte[] {4});
        for (int round = 0; round < 25; round++) {
            byte[] scalar = CofactorScalars.random(secure).bytesNoCopy();
            long[][] u = {randomField(), randomField(), randomField(), randomField()};
            long[][] x = elements(LANES);
            long[][] z = elements(LANES);
            fourLanes.multiply(scalar, u, x, z);
            for (int lane = 0; lane < LANES; lane++) {
                assertSameAsScalarLadder(scalar, u[lane], x[lane], z[lane]);
            }
        }
    }

    @Test
    void allBitsOfTheScalarCount() {
        // all-ones and alternating scalars exercise every swap pattern, the top bit included
        byte[][] scalars = {new byte[32], new byte[32], new byte[32]};
        java.util.Arrays.fill(scalars[0], (byte) 0xFF);
        java.util.Arrays.fill(scalars[1], (byte) 0x55);
        scalars[2][31] = (byte) 0x80;
        for (byte[] scalar : scalars) {
            long[][] u = {randomField(), Field25519.constant(9), Field25519.constant(0), Field25519.constant(Field25519.P.subtract(BigInteger.ONE))};
            long[][] x = elements(LANES);
            long[][] z = elements(LANES);
            fourLanes.multiply(scalar, u, x, z);
            for (int lane = 0; lane < LANES; lane++) {
                assertSameAsScalarLadder(scalar, u[lane], x[lane], z[lane]);
            }
        }
    }

    @ParameterizedTest(name = "RFC 7748 section 5.2 vector {index} in lane {3}")
    @CsvSource({
        "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4, "
            + "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c, "
            + "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552, 0",
        "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d, "
            + "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493, "
            + "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957, 3",
    })
    void rfc7748Vectors(String scalarHex, String uHex, String expectedHex, int lane) {
        byte[] k = hex(scalarHex);
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
        long[][] u = {randomField(), randomField(), randomField(), randomField()};
        Field25519.decode(hex(uHex), 0, u[lane]);                  // masks bit 255, as RFC 7748 requires
        long[][] x = elements(LANES);
        long[][] z = elements(LANES);
        fourLanes.multiply(k, u, x, z);
        long[] result = Field25519.create();
        Field25519.inv(z[lane], result);
        Field25519.mul(x[lane], result, result);
        byte[] encoded = new byte[32];
        Field25519.encode(result, encoded, 0);
        assertThat(encoded).isEqualTo(hex(expectedHex));
    }

    @Test
    void shortGroupsFillTheOtherLanesAndLeaveTheirSlotsAlone() {
        byte[] scalar = CofactorScalars.random(new SecureRandom(new byte[] {5})).bytesNoCopy();
        long[][] u = {randomField(), randomField(), randomField(), randomField(), randomField(), randomField()};
        for (int count = 1; count < LANES; count++) {
            long[][] x = elements(u.length);
            long[][] z = elements(u.length);
            fourLanes.multiply(scalar, u, x, z, 2, count);
            for (int i = 0; i < u.length; i++) {
                if (i >= 2 && i < 2 + count) {
                    assertSameAsScalarLadder(scalar, u[i], x[i], z[i]);
                } else {
                    assertThat(x[i]).as("slot %d untouched", i).containsOnly(0L);
                    assertThat(z[i]).containsOnly(0L);
                }
            }
        }
    }

    @Test
    void startupSelfTestPasses() {
        assertThat(FourLaneSupport.selfTestPasses()).isTrue();
    }
}
