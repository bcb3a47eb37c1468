package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.Field25519.P;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Group properties, scalar rules and the fail-closed validation of received elements. */
class Curve25519GroupTest {

    private static final byte[] DST = "TrustFabric-PSI-test-v1-with-curve25519_XMD:SHA-512_ELL2_RO_"
            .getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger EIGHT_L = CofactorScalars.ORDER.shiftLeft(3);

    private final Curve25519Group group = new Curve25519Group();
    private final SecureRandom random = new SecureRandom(new byte[] {1, 2, 3});
    private final Random plain = new Random(42);

    private byte[] randomMessage() {
        byte[] m = new byte[1 + plain.nextInt(64)];
        plain.nextBytes(m);
        return m;
    }

    private static BigInteger value(Scalar s) {
        return CofactorScalars.fromLittleEndian(s.toBytes());
    }

    private static Scalar scalar(BigInteger v) {
        return new Scalar(Field25519.toLittleEndian32(v));
    }

    /** x-only l · u; zero means the identity, i.e. u is in the prime-order subgroup (or is the point (0, 0)). */
    private static BigInteger timesOrder(byte[] element) {
        long[] u = Field25519.create();
        Field25519.decode(element, 0, u);
        long[] out = Field25519.create();
        new MontgomeryLadder().multiplyAffine(Field25519.toLittleEndian32(CofactorScalars.ORDER), u, out);
        return Field25519.toBigInteger(out);
    }

    private static byte[] encode(BigInteger u) {
        return Field25519.toLittleEndian32(u);
    }

    private static boolean onCurve(BigInteger u) {
        BigInteger rhs = u.pow(3).add(BigInteger.valueOf(486662).multiply(u.pow(2))).add(u).mod(P);
        return rhs.signum() == 0 || rhs.modPow(P.shiftRight(1), P).equals(BigInteger.ONE);
    }

    // ---- properties -------------------------------------------------------------------------------------

    @Test
    void inverseUndoesMultiplication() {
        for (int i = 0; i < 20; i++) {
            Scalar s = group.randomScalar(random);
            byte[] h = group.hashToElement(randomMessage(), DST);
            assertThat(group.multiply(group.inverse(s), group.multiply(s, h))).isEqualTo(h);
        }
    }

    @Test
    void multiplicationIsCompatibleWithScalarProducts() {
        for (int i = 0; i < 10; i++) {
            Scalar s = group.randomScalar(random);
            Scalar t = group.randomScalar(random);
            byte[] p = group.hashToElement(randomMessage(), DST);
            Scalar st = scalar(value(s).multiply(value(t)).mod(EIGHT_L));
            assertThat(group.multiply(s, group.multiply(t, p))).isEqualTo(group.multiply(st, p));
            assertThat(group.multiply(s, group.multiply(t, p))).isEqualTo(group.multiply(t, group.multiply(s, p)));
        }
    }

    @Test
    void hashAndMultiplyIsMultiplyOfHash() {
        for (int i = 0; i < 10; i++) {
            Scalar s = group.randomScalar(random);
            byte[] m = randomMessage();
            assertThat(group.hashAndMultiply(s, m, DST)).isEqualTo(group.multiply(s, group.hashToElement(m, DST)));
        }
    }

    @Test
    void hashesLieInThePrimeOrderSubgroup() {
        for (int i = 0; i < 5; i++) {
            assertThat(timesOrder(group.hashToElement(randomMessage(), DST))).isZero();
        }
    }

    @Test
    void hashIsDeterministicAndSeparatedByTag() {
        byte[] m = "alice@example.com".getBytes(StandardCharsets.UTF_8);
        assertThat(group.hashToElement(m, DST)).isEqualTo(group.hashToElement(m.clone(), DST.clone()));
        assertThat(group.hashToElement(m, DST)).isNotEqualTo(group.hashToElement(m, "other-tag".getBytes(StandardCharsets.US_ASCII)));
        assertThat(group.elementBytes()).isEqualTo(32);
    }

    @Test
    void batchMultiplyMatchesSingleMultiply() {
        Scalar s = group.randomScalar(random);
        byte[][] elements = new byte[17][];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = group.hashToElement(randomMessage(), DST);
        }
        byte[][] batch = group.multiplyAll(s, elements);
        for (int i = 0; i < elements.length; i++) {
            assertThat(batch[i]).isEqualTo(group.multiply(s, elements[i]));
        }
        assertThat(group.multiplyAll(s, new byte[0][])).isEmpty();
    }

    @Test
    void batchHashAndMultiplyMatchesSingle() {
        Scalar s = group.randomScalar(random);
        byte[][] messages = new byte[13][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = randomMessage();
        }
        byte[][] batch = group.hashAndMultiplyAll(s, messages, DST);
        for (int i = 0; i < messages.length; i++) {
            assertThat(batch[i]).isEqualTo(group.hashAndMultiply(s, messages[i], DST));
        }
    }

    @Test
    void pointsWithASmallOrderComponentAreAcceptedAndTheComponentIsKilled() {
        // a random point on the curve almost surely has a non-trivial small-order component
        int checked = 0;
        for (BigInteger u = BigInteger.valueOf(2); checked < 5; u = u.add(BigInteger.ONE)) {
            if (!onCurve(u) || timesOrder(encode(u)).signum() == 0) {
                continue;
            }
            Scalar s = group.randomScalar(random);
            byte[] product = group.multiply(s, encode(u));
            assertThat(timesOrder(product)).as("l * (s * P) for u=%s", u).isZero();
            checked++;
        }
    }

    @Test
    void concurrentCallersGetTheSameAnswersAsOneCaller() throws Exception {
        Scalar s = group.randomScalar(random);
        byte[][] messages = new byte[40][];
        byte[][] expected = new byte[messages.length][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = randomMessage();
            expected[i] = group.hashAndMultiply(s, messages[i], DST);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<byte[]>> futures = new java.util.ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (byte[] m : messages) {
                    futures.add(pool.submit(() -> group.multiply(group.inverse(s),
                            group.multiply(s, group.hashAndMultiply(s, m, DST)))));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(expected[i % messages.length]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- scalars ----------------------------------------------------------------------------------------

    @Test
    void randomScalarsAreNonZeroCofactorMultiplesBelowEightL() {
        Set<BigInteger> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            BigInteger v = value(group.randomScalar(random));
            assertThat(v.mod(BigInteger.valueOf(8))).isZero();
            assertThat(v).isLessThan(EIGHT_L);
            assertThat(v.mod(CofactorScalars.ORDER)).isNotZero();
            seen.add(v);
        }
        assertThat(seen).hasSize(50);
    }

    @Test
    void inverseIsACofactorMultipleAndAModularInverse() {
        Scalar s = group.randomScalar(random);
        BigInteger t = value(group.inverse(s));
        assertThat(t.mod(BigInteger.valueOf(8))).isZero();
        assertThat(t).isLessThan(EIGHT_L);
        assertThat(t.multiply(value(s)).mod(CofactorScalars.ORDER)).isEqualTo(BigInteger.ONE);
    }

    @Test
    void scalarFromSeedIsDeterministicAndSeedSensitive() {
        byte[] seed = "tenant acme, epoch 1".getBytes(StandardCharsets.US_ASCII);
        Scalar a = group.scalarFromSeed(seed);
        Scalar b = group.scalarFromSeed(seed.clone());
        assertThat(a.toBytes()).isEqualTo(b.toBytes());
        seed[seed.length - 1] = '2';
        assertThat(group.scalarFromSeed(seed).toBytes()).isNotEqualTo(a.toBytes());
        BigInteger v = value(a);
        assertThat(v.mod(BigInteger.valueOf(8))).isZero();
        assertThat(v).isLessThan(EIGHT_L).isNotZero();
        assertThatThrownBy(() -> group.scalarFromSeed(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidScalarsAreRefused() {
        byte[] h = group.hashToElement("x".getBytes(StandardCharsets.US_ASCII), DST);
        Scalar odd = scalar(BigInteger.valueOf(8 * 12345 + 1));
        assertThatThrownBy(() -> group.multiply(odd, h)).hasMessageContaining("multiple of the cofactor");
        assertThatThrownBy(() -> group.hashAndMultiply(odd, h, DST)).hasMessageContaining("multiple of the cofactor");
        assertThatThrownBy(() -> group.inverse(odd)).hasMessageContaining("multiple of the cofactor");
        assertThatThrownBy(() -> group.inverse(scalar(BigInteger.ZERO))).hasMessageContaining("zero modulo");
        assertThatThrownBy(() -> group.inverse(scalar(CofactorScalars.ORDER.shiftLeft(3)))).hasMessageContaining("below 8");
        assertThatThrownBy(() -> group.hashToElement(h, new byte[0])).hasMessageContaining("domain separation tag");
    }

    @Test
    void aDestroyedScalarIsRefused() {
        Scalar s = group.randomScalar(random);
        byte[] h = group.hashToElement("x".getBytes(StandardCharsets.US_ASCII), DST);
        s.destroy();
        assertThatThrownBy(() -> group.multiply(s, h)).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(InvalidElementException.class).hasMessageContaining("zero");
    }

    @Test
    void scalarToStringHidesTheValue() {
        assertThat(group.randomScalar(random).toString()).doesNotContainPattern("[0-9a-f]{8}");
    }

    // ---- validation of received elements ----------------------------------------------------------------

    @Test
    void refusesWrongLengths() {
        Scalar s = group.randomScalar(random);
        assertThatThrownBy(() -> group.multiply(s, new byte[31])).isInstanceOf(InvalidElementException.class)
                .hasMessageContaining("32 bytes, got 31");
        assertThatThrownBy(() -> group.multiply(s, new byte[33])).isInstanceOf(InvalidElementException.class);
        assertThatThrownBy(() -> group.multiply(s, null)).isInstanceOf(InvalidElementException.class);
    }

    @Test
    void refusesTheHighBit() {
        byte[] h = group.hashToElement("high bit".getBytes(StandardCharsets.US_ASCII), DST);
        h[31] |= (byte) 0x80;
        assertThatThrownBy(() -> group.multiply(group.randomScalar(random), h))
                .isInstanceOf(InvalidElementException.class).hasMessageContaining("high bit");
    }

    @Test
    void refusesNonCanonicalValuesAtOrAboveP() {
        Scalar s = group.randomScalar(random);
        // u + p for a valid u still below 2^255 would decode to a valid point if not rejected
        for (BigInteger v : new BigInteger[] {P, P.add(BigInteger.ONE), P.add(BigInteger.valueOf(9)),
            BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE)}) {
            assertThatThrownBy(() -> group.multiply(s, encode(v))).as("%s", v)
                    .isInstanceOf(InvalidElementException.class).hasMessageContaining("not canonical");
        }
        assertThat(group.multiply(s, encode(BigInteger.valueOf(9)))).hasSize(32);
    }

    @Test
    void refusesPointsOnTheTwist() {
        Scalar s = group.randomScalar(random);
        int found = 0;
        for (BigInteger u = BigInteger.TWO; found < 5; u = u.add(BigInteger.ONE)) {
            if (onCurve(u)) {
                continue;
            }
            byte[] twistPoint = encode(u);
            assertThatThrownBy(() -> group.multiply(s, twistPoint)).as("u=%s", u)
                    .isInstanceOf(InvalidElementException.class).hasMessageContaining("twist");
            found++;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1",
        "325606250916557431795983626356110631294008115727848805560023387167927233504",
        "39382357235489614581723060781553021112529911719440698176882885853963445705823"})
    void refusesSmallOrderPoints(String u) {
        byte[] element = encode(new BigInteger(u));
        assertThatThrownBy(() -> group.multiply(group.randomScalar(random), element))
                .isInstanceOf(InvalidElementException.class).hasMessageContaining("small order");
        // and the fallback check would catch it too: a cofactor-multiple scalar sends it to the identity
        long[] field = Field25519.create();
        Field25519.decode(element, 0, field);
        long[] out = Field25519.create();
        new MontgomeryLadder().multiplyAffine(group.randomScalar(random).toBytes(), field, out);
        assertThat(Field25519.toBigInteger(out)).isZero();
    }

    @Test
    void minusOneIsRefused() {
        assertThatThrownBy(() -> group.multiply(group.randomScalar(random), encode(P.subtract(BigInteger.ONE))))
                .isInstanceOf(InvalidElementException.class);
    }

    @Test
    void smallOrderListIsComplete() {
        // l * Q for random curve points Q walks the whole 8-torsion; every u it reaches must be refused
        Set<BigInteger> torsion = new HashSet<>();
        int points = 0;
        for (BigInteger u = BigInteger.TWO; points < 60; u = u.add(BigInteger.ONE)) {
            if (!onCurve(u)) {
                continue;
            }
            torsion.add(timesOrder(encode(u)));
            points++;
        }
        assertThat(torsion).hasSize(4);
        Scalar s = group.randomScalar(random);
        for (BigInteger t : torsion) {
            assertThatThrownBy(() -> group.multiply(s, encode(t))).as("u=%s", t)
                    .isInstanceOf(InvalidElementException.class).hasMessageContaining("small order");
        }
    }

    @Test
    void batchNamesTheBadElement() {
        Scalar s = group.randomScalar(random);
        byte[][] elements = {group.hashToElement("a".getBytes(StandardCharsets.US_ASCII), DST), new byte[32],
            group.hashToElement("b".getBytes(StandardCharsets.US_ASCII), DST)};
        assertThatThrownBy(() -> group.multiplyAll(s, elements)).isInstanceOf(InvalidElementException.class)
                .hasMessageStartingWith("element 1: ").hasMessageContaining("small order");
    }
}
