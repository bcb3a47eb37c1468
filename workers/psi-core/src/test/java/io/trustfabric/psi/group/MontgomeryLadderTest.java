package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.TestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The unclamped ladder against RFC 7748: the test applies the RFC's clamping (and the RFC's masking of the
 * u-coordinate's top bit) itself, so the ladder must reproduce X25519 exactly on clamped scalars.
 */
class MontgomeryLadderTest {

    private final MontgomeryLadder ladder = new MontgomeryLadder();

    /** RFC 7748 decodeScalar25519. */
    private static byte[] clamp(byte[] scalar) {
        byte[] k = scalar.clone();
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
        return k;
    }

    /** RFC 7748 X25519(k, u) built from the unclamped ladder. */
    private byte[] x25519(byte[] k, byte[] u) {
        long[] uField = Field25519.create();
        Field25519.decode(u, 0, uField);      // masks bit 255, as RFC 7748 requires
        long[] out = Field25519.create();
        ladder.multiplyAffine(clamp(k), uField, out);
        byte[] encoded = new byte[32];
        Field25519.encode(out, encoded, 0);
        return encoded;
    }

    @ParameterizedTest(name = "RFC 7748 section 5.2 vector {index}")
    @CsvSource({
        "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4, "
            + "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c, "
            + "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
        "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d, "
            + "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493, "
            + "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
        // RFC 7748 section 6.1: Alice's and Bob's public keys and their shared secret
        "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a, "
            + "0900000000000000000000000000000000000000000000000000000000000000, "
            + "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
        "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb, "
            + "0900000000000000000000000000000000000000000000000000000000000000, "
            + "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
        "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a, "
            + "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f, "
            + "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
    })
    void rfc7748Vectors(String scalar, String u, String expected) {
        assertThat(x25519(hex(scalar), hex(u))).isEqualTo(hex(expected));
    }

    @ParameterizedTest(name = "RFC 7748 iterated vector after {0} iterations")
    @CsvSource({
        "1, 422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079",
        "1000, 684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51",
    })
    void rfc7748IteratedVectors(int iterations, String expected) {
        assertThat(iterate(iterations)).isEqualTo(hex(expected));
    }

    /** About a minute of CPU: run with {@code -Dtrustfabric.slowVectors=true}. */
    @Test
    @EnabledIfSystemProperty(named = "trustfabric.slowVectors", matches = "true")
    void rfc7748IteratedVectorAfterOneMillionIterations() {
        assertThat(iterate(1_000_000)).isEqualTo(hex("7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424"));
    }

    private byte[] iterate(int iterations) {
        byte[] k = new byte[32];
        k[0] = 9;
        byte[] u = k.clone();
        for (int i = 0; i < iterations; i++) {
            byte[] result = x25519(k, u);
            u = k;
            k = result;
        }
        return k;
    }

    @Test
    void agreesWithBouncyCastleX25519OnRandomClampedScalars() {
        Random random = new Random(7748);
        byte[] k = new byte[32];
        byte[] u = new byte[32];
        for (int i = 0; i < 200; i++) {
            random.nextBytes(k);
            random.nextBytes(u);
            byte[] expected = new byte[32];
            X25519.scalarMult(k, 0, u, 0, expected, 0);
            assertThat(x25519(k, u)).as("case %d", i).isEqualTo(expected);
        }
    }

    @Test
    void agreesWithBouncyCastleWeierstrassArithmeticOnArbitrary256BitScalars() {
        // curve25519 in short Weierstrass form: x = u + A/3; BC's generic EC code is an independent implementation
        X9ECParameters params = CustomNamedCurves.getByName("curve25519");
        ECCurve curve = params.getCurve();
        BigInteger aOver3 = BigInteger.valueOf(486662)
                .multiply(BigInteger.valueOf(3).modInverse(Field25519.P)).mod(Field25519.P);
        Random random = new Random(255);
        int checked = 0;
        while (checked < 30) {
            BigInteger u = new BigInteger(255, random).mod(Field25519.P);
            ECFieldElement x = curve.fromBigInteger(u.add(aOver3).mod(Field25519.P));
            ECFieldElement y = x.square().add(curve.getA()).multiply(x).add(curve.getB()).sqrt();
            if (y == null) {
                continue;                      // on the twist: no Weierstrass point to compare with
            }
            byte[] scalar = new byte[32];
            random.nextBytes(scalar);          // all 256 bits random: odd, bit 255 set, anything
            BigInteger k = CofactorScalars.fromLittleEndian(scalar);
            ECPoint product = curve.createPoint(x.toBigInteger(), y.toBigInteger()).multiply(k).normalize();
            BigInteger expected = product.isInfinity() ? BigInteger.ZERO
                    : product.getAffineXCoord().toBigInteger().subtract(aOver3).mod(Field25519.P);
            long[] out = Field25519.create();
            ladder.multiplyAffine(scalar, Field25519.constant(u), out);
            assertThat(Field25519.toBigInteger(out)).as("u=%s k=%s", u, k).isEqualTo(expected);
            checked++;
        }
    }

    @Test
    void usesAllBitsOfAnUnclampedScalar() {
        // (2^255 + 8) * P must differ from the clamped reading of the same bytes: bit 255 and bit 254 matter
        byte[] scalar = new byte[32];
        scalar[0] = 8;
        scalar[31] = (byte) 0x80;
        long[] base = Field25519.constant(9);
        long[] unclamped = Field25519.create();
        ladder.multiplyAffine(scalar, base, unclamped);
        long[] clamped = Field25519.create();
        ladder.multiplyAffine(clamp(scalar), base, clamped);
        assertThat(Field25519.toBigInteger(unclamped)).isNotEqualTo(Field25519.toBigInteger(clamped));
        // and equals 2^252 * (8 P) + 8 P computed independently: (2^255 + 8) P = 8 (2^252 + 1) P
        byte[] twoTo252PlusOne = new byte[32];
        twoTo252PlusOne[0] = 1;
        twoTo252PlusOne[31] = 0x10;
        byte[] eight = new byte[32];
        eight[0] = 8;
        long[] eightP = Field25519.create();
        ladder.multiplyAffine(eight, base, eightP);
        long[] expected = Field25519.create();
        ladder.multiplyAffine(twoTo252PlusOne, eightP, expected);
        assertThat(Field25519.toBigInteger(unclamped)).isEqualTo(Field25519.toBigInteger(expected));
    }
}
