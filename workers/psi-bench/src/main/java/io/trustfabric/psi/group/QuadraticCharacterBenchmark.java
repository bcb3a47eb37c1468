package io.trustfabric.psi.group;

import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * The on-curve check of a received element: is u^3 + 486662 u^2 + u a square? The exponentiation
 * x^((p-1)/2) (what {@code Field25519.isSquareVar} used before) against the binary Jacobi-symbol algorithm
 * of {@link QuadraticCharacter}. Lives in the group's package because both are package-private.
 * Each invocation takes the next of a ring of distinct right-hand sides, so branch history cannot be learned.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class QuadraticCharacterBenchmark {

    private static final int RING = 1024;

    private long[][] rightHandSides;
    private final long[] chi = Field25519.create();
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(25519);
        rightHandSides = new long[RING][];
        for (int i = 0; i < RING; i++) {
            BigInteger u = new BigInteger(255, random).mod(Field25519.P);
            long[] uLimbs = Field25519.constant(u);
            long[] rhs = Field25519.create();
            Field25519.copy(uLimbs, rhs);
            rhs[0] += Field25519.MONTGOMERY_A;
            Field25519.mul(rhs, uLimbs, rhs);
            Field25519.addOne(rhs);
            Field25519.mul(rhs, uLimbs, rhs);
            rightHandSides[i] = rhs;
        }
    }

    private long[] nextRightHandSide() {
        long[] rhs = rightHandSides[next];
        next = (next + 1) & (RING - 1);
        return rhs;
    }

    /** The previous isSquareVar: x^((p-1)/2) by about 254 squarings and 11 multiplications. */
    @Benchmark
    public boolean exponentiation() {
        Field25519.legendre(nextRightHandSide(), chi);
        return Field25519.isZeroVar(chi) || Field25519.isOneVar(chi);
    }

    @Benchmark
    public boolean binaryJacobi() {
        return QuadraticCharacter.legendreVar(nextRightHandSide()) >= 0;
    }
}
