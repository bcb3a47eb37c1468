package io.trustfabric.psi.bench;

import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.group.Scalar;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the PSI group per thread (ops/s = elements per second per core when run with one thread).
 * Each invocation works on the next of a ring of distinct inputs so nothing is served from a cache.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
// the worker's JVM flags (docs/worker-api.md); measure without them with JMH_ARGS="-jvmArgsAppend -XX:+UseCompressedOops"
// or -jvmArgsAppend -Dtrustfabric.psi.simd=false (the scalar ladder)
@Fork(value = 1, jvmArgsAppend = {"-XX:-UseCompressedOops", "--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class GroupBenchmark {

    static final int BATCH = 256;
    private static final int RING = 1024;
    private static final byte[] DST = "TrustFabric-PSI-bench-v1-with-curve25519_XMD:SHA-512_ELL2_RO_"
            .getBytes(StandardCharsets.US_ASCII);

    private final PrimeOrderGroup group = new Curve25519Group();
    private Scalar scalar;
    private byte[][] messages;
    private byte[][] elements;
    private byte[][] batchMessages;
    private byte[][] batchElements;
    private byte[] x25519Key;
    private int next;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        scalar = group.randomScalar(random);
        messages = new byte[RING][];
        elements = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            messages[i] = ("user-" + i + "@example.com").getBytes(StandardCharsets.US_ASCII);
            elements[i] = group.hashToElement(messages[i], DST);
        }
        x25519Key = new byte[32];
        X25519.generatePrivateKey(random, x25519Key);
        batchMessages = java.util.Arrays.copyOf(messages, BATCH);
        batchElements = java.util.Arrays.copyOf(elements, BATCH);
    }

    private int nextIndex() {
        next = (next + 1) & (RING - 1);
        return next;
    }

    @Benchmark
    public byte[] hashToElement() {
        return group.hashToElement(messages[nextIndex()], DST);
    }

    @Benchmark
    public byte[] multiply() {
        return group.multiply(scalar, elements[nextIndex()]);
    }

    @Benchmark
    public byte[] hashAndMultiply() {
        return group.hashAndMultiply(scalar, messages[nextIndex()], DST);
    }

    /** Baseline: Bouncy Castle's clamped RFC 7748 X25519 on the same field code, no validation. */
    @Benchmark
    public byte[] baselineBouncyCastleX25519() {
        byte[] out = new byte[32];
        X25519.scalarMult(x25519Key, 0, elements[nextIndex()], 0, out, 0);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[][] multiplyAll() {
        return group.multiplyAll(scalar, batchElements);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[][] hashAndMultiplyAll() {
        return group.hashAndMultiplyAll(scalar, batchMessages, DST);
    }
}
