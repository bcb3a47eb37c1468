package io.trustfabric.psi.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** -Dtrustfabric.psi.simd=false selects the scalar ladder (the tests' JVM has the Vector API, so this is the switch). */
class ScalarLadderFallbackTest {

    private String saved;

    @BeforeEach
    void turnOff() {
        saved = System.getProperty(FourLaneSupport.PROPERTY);
        System.setProperty(FourLaneSupport.PROPERTY, "false");
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(FourLaneSupport.PROPERTY);
        } else {
            System.setProperty(FourLaneSupport.PROPERTY, saved);
        }
    }

    @Test
    void thePropertySelectsTheScalarLadderWithTheSameResults() {
        Curve25519Group group = new Curve25519Group();
        assertThat(group.scalarMultiplication())
                .isEqualTo("scalar Montgomery ladder (turned off by -Dtrustfabric.psi.simd=false)");
        Scalar s = group.randomScalar(new SecureRandom(new byte[] {1}));
        byte[][] elements = new byte[9][];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = group.hashToElement(new byte[] {(byte) i}, "fallback-test".getBytes());
        }
        byte[][] batch = group.multiplyAll(s, elements);
        System.clearProperty(FourLaneSupport.PROPERTY);
        Curve25519Group simd = new Curve25519Group();
        assertThat(simd.scalarMultiplication()).startsWith("four-lane SIMD");
        byte[][] simdBatch = simd.multiplyAll(s, elements);
        for (int i = 0; i < elements.length; i++) {
            assertThat(batch[i]).isEqualTo(group.multiply(s, elements[i])).isEqualTo(simdBatch[i]);
        }
    }

    @Test
    void otherValuesLeaveTheSimdLadderOn() {
        System.setProperty(FourLaneSupport.PROPERTY, "true");
        assertThat(new Curve25519Group().scalarMultiplication()).startsWith("four-lane SIMD");
    }
}
