package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.TestVectors.bigEndianHex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bouncycastle.crypto.hash2curve.HashToCurveProfile;
import org.bouncycastle.crypto.hash2curve.HashToEllipticCurve;
import org.bouncycastle.crypto.hash2curve.data.AffineXY;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 9380 Appendix J.4.1: curve25519_XMD:SHA-512_ELL2_RO_, every intermediate the RFC publishes. */
class HashToCurve25519Test {

    private static final JsonNode SUITE = TestVectors.load("rfc9380-curve25519_XMD-SHA-512_ELL2_RO_.json");
    private static final byte[] DST = SUITE.get("dst").asText().getBytes(StandardCharsets.US_ASCII);

    static Stream<JsonNode> vectors() {
        return StreamSupport.stream(SUITE.get("vectors").spliterator(), false);
    }

    private static byte[] msg(JsonNode vector) {
        return vector.get("msg").asText().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void suiteFileIsTheRfcOne() {
        assertThat(SUITE.get("ciphersuite").asText()).isEqualTo(HashToCurve25519.SUITE);
        assertThat(SUITE.get("dst").asText()).isEqualTo("QUUX-V01-CS02-with-curve25519_XMD:SHA-512_ELL2_RO_");
        assertThat(vectors().map(v -> v.get("msg").asText().length())).containsExactly(0, 3, 16, 133, 517);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void hashToFieldGivesThePublishedU0AndU1(JsonNode vector) {
        long[][] u = new HashToCurve25519().hashToField(msg(vector), DST);
        assertThat(Field25519.toBigInteger(u[0])).isEqualTo(bigEndianHex(vector.get("u").get(0).asText()));
        assertThat(Field25519.toBigInteger(u[1])).isEqualTo(bigEndianHex(vector.get("u").get(1).asText()));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void elligator2GivesThePublishedQ0AndQ1(JsonNode vector) {
        long[][] u = new HashToCurve25519().hashToField(msg(vector), DST);
        for (int i = 0; i < 2; i++) {
            long[] xn = Field25519.create();
            long[] xd = Field25519.create();
            long[] y = Field25519.create();
            new Elligator2().map(u[i], xn, xd, y);
            BigInteger x = Field25519.toBigInteger(xn).multiply(Field25519.toBigInteger(xd).modInverse(Field25519.P))
                    .mod(Field25519.P);
            JsonNode q = vector.get("Q" + i);
            assertThat(x).as("Q%d.x", i).isEqualTo(bigEndianHex(q.get("x").asText()));
            assertThat(Field25519.toBigInteger(y)).as("Q%d.y", i).isEqualTo(bigEndianHex(q.get("y").asText()));
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void hashToCurveGivesThePublishedPointP(JsonNode vector) {
        EdwardsPoint p = new HashToCurve25519().hash(msg(vector), DST);
        long[] u = Field25519.create();
        long[] v = Field25519.create();
        p.montgomeryUV(u, v);
        assertThat(Field25519.toBigInteger(u)).as("P.x").isEqualTo(bigEndianHex(vector.get("P").get("x").asText()));
        assertThat(Field25519.toBigInteger(v)).as("P.y").isEqualTo(bigEndianHex(vector.get("P").get("y").asText()));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void groupEncodesPxLittleEndian(JsonNode vector) {
        byte[] element = new Curve25519Group().hashToElement(msg(vector), DST);
        assertThat(element).isEqualTo(TestVectors.littleEndian(bigEndianHex(vector.get("P").get("x").asText())));
    }

    @Test
    void aRefusedCallLeavesNoStateBehind() {
        Curve25519Group group = new Curve25519Group();
        JsonNode abc = vectors().filter(v -> v.get("msg").asText().equals("abc")).findFirst().orElseThrow();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> group.hashToElement(null, DST))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExpandMessageXmd().expand(null, DST, 96))
                .isInstanceOf(NullPointerException.class);
        assertThat(group.hashToElement(msg(abc), DST))
                .isEqualTo(TestVectors.littleEndian(bigEndianHex(abc.get("P").get("x").asText())));
    }

    @Test
    void expanderIsReusableAfterAFailure() {
        ExpandMessageXmd expander = new ExpandMessageXmd();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> expander.expand(null, DST, 96));
        assertThat(expander.expand(new byte[] {7}, DST, 96)).isEqualTo(new ExpandMessageXmd().expand(new byte[] {7}, DST, 96));
    }

    @Test
    void agreesWithBouncyCastleHash2Curve() {
        HashToEllipticCurve bc = HashToEllipticCurve.getInstance(HashToCurveProfile.CURVE25519W_XMD_SHA_512_ELL2,
                new String(DST, StandardCharsets.US_ASCII));
        Curve25519Group group = new Curve25519Group();
        java.util.Random random = new java.util.Random(9380);
        for (int i = 0; i < 25; i++) {
            byte[] message = new byte[random.nextInt(80)];
            random.nextBytes(message);
            AffineXY bcPoint = bc.getAffineXY(bc.hashToCurve(message));
            assertThat(group.hashToElement(message, DST)).isEqualTo(TestVectors.littleEndian(bcPoint.getX()));
        }
    }
}
