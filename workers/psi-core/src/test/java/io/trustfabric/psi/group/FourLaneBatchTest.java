package io.trustfabric.psi.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Batches on the four-lane SIMD ladder give exactly the scalar ladder's answers and errors. */
class FourLaneBatchTest {

    private static final byte[] DST = "TrustFabric-PSI-test-v1-with-curve25519_XMD:SHA-512_ELL2_RO_"
            .getBytes(StandardCharsets.US_ASCII);

    private final Curve25519Group fourLanes = new Curve25519Group();
    private final Curve25519Group scalar = new Curve25519Group("forced by the test");
    private final SecureRandom random = new SecureRandom(new byte[] {9});
    private final Random plain = new Random(33);

    private byte[][] messages(int n) {
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new byte[1 + plain.nextInt(40)];
            plain.nextBytes(out[i]);
        }
        return out;
    }

    /** Hashed points, and every third one moved off the prime-order subgroup by a point of order 2 or 8. */
    private byte[][] elements(int n) {
        byte[][] out = new byte[n][];
        byte[][] messages = messages(n);
        for (int i = 0; i < n; i++) {
            out[i] = fourLanes.hashToElement(messages[i], DST);
        }
        int mixed = 0;
        for (BigInteger u = BigInteger.valueOf(2); mixed * 3 < n; u = u.add(BigInteger.ONE)) {
            if (ReceivedElement.onCurve(Field25519.constant(u))) {
                out[3 * mixed++] = Field25519.toLittleEndian32(u);   // almost surely with a small-order component
            }
        }
        return out;
    }

    @Test
    void theJvmUnderTestUsesTheFourLaneLadder() {
        assertThat(fourLanes.scalarMultiplication()).startsWith("four-lane SIMD");
        assertThat(scalar.scalarMultiplication()).isEqualTo("scalar Montgomery ladder (forced by the test)");
    }

    @ParameterizedTest(name = "multiplyAll of {0} elements")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 32, 33})
    void multiplyAllMatchesTheScalarPath(int n) {
        byte[][] elements = elements(n);
        Scalar s = fourLanes.randomScalar(random);
        byte[][] vector = fourLanes.multiplyAll(s, elements);
        byte[][] reference = scalar.multiplyAll(s, elements);
        assertThat(vector).hasDimensions(n, n == 0 ? 0 : 32);
        for (int i = 0; i < n; i++) {
            assertThat(vector[i]).as("element %d", i).isEqualTo(reference[i]);
            assertThat(vector[i]).isEqualTo(scalar.multiply(s, elements[i]));
        }
    }

    @ParameterizedTest(name = "hashAndMultiplyAll of {0} messages")
    @ValueSource(ints = {1, 3, 4, 5, 32, 33})
    void hashAndMultiplyAllMatchesTheScalarPath(int n) {
        byte[][] messages = messages(n);
        Scalar s = fourLanes.randomScalar(random);
        byte[][] vector = fourLanes.hashAndMultiplyAll(s, messages, DST);
        byte[][] reference = scalar.hashAndMultiplyAll(s, messages, DST);
        for (int i = 0; i < n; i++) {
            assertThat(vector[i]).as("message %d", i).isEqualTo(reference[i]);
            assertThat(vector[i]).isEqualTo(scalar.hashAndMultiply(s, messages[i], DST));
        }
    }

    @ParameterizedTest(name = "bad element at index {0} of 33")
    @ValueSource(ints = {0, 5, 31, 32})
    void badElementsAreRejectedWithTheScalarPathsMessage(int index) {
        Scalar s = fourLanes.randomScalar(random);
        byte[][] smallOrder = elements(33);
        smallOrder[index] = Field25519.toLittleEndian32(BigInteger.ONE);       // u = 1: order 4
        byte[][] notOnCurve = elements(33);
        notOnCurve[index] = nonCurvePoint();
        byte[][] twoBad = elements(33);
        twoBad[index] = Field25519.toLittleEndian32(BigInteger.ZERO);          // order 2, before a later bad one
        if (index < 32) {
            twoBad[index + 1] = new byte[31];
        }
        for (byte[][] batch : new byte[][][] {smallOrder, notOnCurve, twoBad}) {
            String expected = messageOf(() -> scalar.multiplyAll(s, batch));
            assertThat(expected).startsWith("element " + index + ": ");
            assertThatThrownBy(() -> fourLanes.multiplyAll(s, batch))
                    .isInstanceOf(InvalidElementException.class)
                    .hasMessage(expected);
        }
        assertThat(messageOf(() -> fourLanes.multiplyAll(s, smallOrder))).contains("small order");
    }

    private static byte[] nonCurvePoint() {
        for (BigInteger u = BigInteger.valueOf(2); ; u = u.add(BigInteger.ONE)) {
            if (!ReceivedElement.onCurve(Field25519.constant(u))) {
                return Field25519.toLittleEndian32(u);
            }
        }
    }

    private static String messageOf(Runnable call) {
        try {
            call.run();
        } catch (InvalidElementException e) {
            return e.getMessage();
        }
        throw new AssertionError("no InvalidElementException");
    }
}
