package io.trustfabric.psi.group;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The field underneath the ladder: our radix-2^51 {@link Field25519} next to Bouncy Castle's ten-limb
 * {@link X25519Field}, and one unclamped ladder (projective, no validation, no inversion). Lives in the group's
 * package because the field and the ladder are package-private. Each operation feeds its output back as an input,
 * so the JIT cannot hoist it and the chain measures latency-bound throughput, as in the ladder.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// the worker's JVM flag (docs/worker-api.md); measure without it with JMH_ARGS="-jvmArgsAppend -XX:+UseCompressedOops"
@Fork(value = 1, jvmArgsAppend = "-XX:-UseCompressedOops")
@State(Scope.Thread)
public class FieldBenchmark {

    private final long[] x = Field25519.create();
    private final long[] y = Field25519.create();
    private final int[] bcX = X25519Field.create();
    private final int[] bcY = X25519Field.create();
    private final MontgomeryLadder ladder = new MontgomeryLadder();
    private final long[] outX = Field25519.create();
    private final long[] outZ = Field25519.create();
    private final byte[] scalar = new byte[32];
    private final long[] u = Field25519.constant(9);
    private final byte[] bcPoint = new byte[32];
    private final byte[] bcOut = new byte[32];

    @Setup
    public void setUp() {
        Random random = new Random(7);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Field25519.decode(bytes, 0, x);
        X25519Field.decode(bytes, 0, bcX);
        random.nextBytes(bytes);
        Field25519.decode(bytes, 0, y);
        X25519Field.decode(bytes, 0, bcY);
        random.nextBytes(scalar);
        bcPoint[0] = 9;
    }

    @Benchmark
    public long[] mul() {
        Field25519.mul(x, y, x);
        return x;
    }

    @Benchmark
    public long[] sqr() {
        Field25519.sqr(x, x);
        return x;
    }

    @Benchmark
    public int[] bouncyCastleMul() {
        X25519Field.mul(bcX, bcY, bcX);
        return bcX;
    }

    @Benchmark
    public int[] bouncyCastleSqr() {
        X25519Field.sqr(bcX, bcX);
        return bcX;
    }

    @Benchmark
    public long[] ladder() {
        ladder.multiply(scalar, u, outX, outZ);
        return outX;
    }


    @Benchmark
    public byte[] bouncyCastleLadder() {
        X25519.scalarMult(scalar, 0, bcPoint, 0, bcOut, 0);
        return bcOut;
    }
}
