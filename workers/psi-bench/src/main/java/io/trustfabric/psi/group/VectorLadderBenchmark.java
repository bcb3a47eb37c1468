package io.trustfabric.psi.group;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * The four-lane SIMD ladder ({@link FourLaneLadder} on {@link FourLaneField25519}) next to the scalar one, per
 * element: every four-lane method counts its four lanes as four operations, so ops/s compare directly (field
 * products per second, ladders per second, batch elements per second). Field operations feed their output back
 * (latency-bound, as in the ladder). Needs {@code --add-modules jdk.incubator.vector} in the forked JVM (set below).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// the worker's JVM flags (docs/worker-api.md, "JVM flags")
@Fork(value = 1, jvmArgsAppend = {"-XX:-UseCompressedOops", "--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class VectorLadderBenchmark {

    private static final int BATCH = 32;
    private static final byte[] DST = "TrustFabric-PSI-bench-v1-with-curve25519_XMD:SHA-512_ELL2_RO_"
            .getBytes(StandardCharsets.US_ASCII);

    private final long[] x = Field25519.create();
    private final long[] y = Field25519.create();
    private final double[] vx = FourLaneField25519.create();
    private final double[] vy = FourLaneField25519.create();
    private final byte[] scalarBytes = new byte[32];
    private final long[][] u = new long[FourLaneLadder.LANES][];
    private final long[][] outX = new long[FourLaneLadder.LANES][];
    private final long[][] outZ = new long[FourLaneLadder.LANES][];
    private final MontgomeryLadder scalarLadder = new MontgomeryLadder();
    private final FourLaneLadder fourLaneLadder = new FourLaneLadder();
    private final Curve25519Group fourLaneGroup = new Curve25519Group();
    private final Curve25519Group scalarGroup = new Curve25519Group("benchmark");
    private Scalar scalar;
    private byte[][] elements;

    @Setup
    public void setUp() {
        if (!fourLaneGroup.scalarMultiplication().startsWith("four-lane")) {
            throw new IllegalStateException("the fork has no SIMD ladder: " + fourLaneGroup.scalarMultiplication());
        }
        Random random = new Random(7);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Field25519.decode(bytes, 0, x);
        random.nextBytes(bytes);
        Field25519.decode(bytes, 0, y);
        for (int lane = 0; lane < FourLaneLadder.LANES; lane++) {
            u[lane] = Field25519.create();
            random.nextBytes(bytes);
            Field25519.decode(bytes, 0, u[lane]);
            fromField(u[lane], vx, lane);
            random.nextBytes(bytes);
            Field25519.decode(bytes, 0, y);
            fromField(y, vy, lane);
            outX[lane] = Field25519.create();
            outZ[lane] = Field25519.create();
        }
        scalar = fourLaneGroup.randomScalar(new SecureRandom());
        System.arraycopy(scalar.bytesNoCopy(), 0, scalarBytes, 0, 32);
        elements = new byte[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            elements[i] = fourLaneGroup.hashToElement(("user-" + i + "@example.com").getBytes(StandardCharsets.US_ASCII), DST);
        }
    }

    private static void fromField(long[] x, double[] z, int lane) {
        long[] canonical = x.clone();
        Field25519.normalize(canonical);
        FourLaneField25519.fromCanonical(canonical, z, lane);
    }

    @Benchmark
    public long[] scalarMul() {
        Field25519.mul(x, y, x);
        return x;
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public double[] fourLaneMul() {
        FourLaneField25519.mul(vx, vy, vx);
        return vx;
    }

    @Benchmark
    public long[] scalarSqr() {
        Field25519.sqr(x, x);
        return x;
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public double[] fourLaneSqr() {
        FourLaneField25519.sqr(vx, vx);
        return vx;
    }

    @Benchmark
    public long[] scalarLadder() {
        scalarLadder.multiply(scalarBytes, u[0], outX[0], outZ[0]);
        return outZ[0];
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public long[][] fourLaneLadder() {
        fourLaneLadder.multiply(scalarBytes, u, outX, outZ);
        return outZ;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[][] multiplyAll32Scalar() {
        return scalarGroup.multiplyAll(scalar, elements);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[][] multiplyAll32FourLanes() {
        return fourLaneGroup.multiplyAll(scalar, elements);
    }
}
