package io.trustfabric.psi.group;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Decides whether {@link Curve25519Group} uses the four-lane SIMD ladder ({@link FourLaneLadder}) or the scalar
 * {@link MontgomeryLadder}. The SIMD ladder needs the incubating Vector API in the boot layer
 * ({@code --add-modules jdk.incubator.vector}); it is off when the system property
 * {@code trustfabric.psi.simd=false} is set, when the CPU has no 256-bit vectors of doubles or no FMA (the API
 * would run without intrinsics, many times slower than the scalar ladder), and when it fails a self-test on a published
 * RFC 7748 vector at startup (it fails closed: any doubt means the scalar ladder).
 *
 * <p>No class that references {@code jdk.incubator.vector} is loaded before the module check passes.
 */
final class FourLaneSupport {

    static final String PROPERTY = "trustfabric.psi.simd";
    static final String MODULE = "jdk.incubator.vector";

    private FourLaneSupport() {
    }

    /** Why the four-lane ladder is not used, or null when it is. The property is read on every call. */
    static String scalarReason() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            return "turned off by -D" + PROPERTY + "=false";
        }
        return Probe.REASON;
    }

    /** The module check and the self-test run once per JVM, on first use. */
    private static final class Probe {
        static final String REASON = probe();

        private static String probe() {
            if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
                return "the JVM runs without --add-modules " + MODULE;
            }
            try {
                if (!FourLaneField25519.hardwareAccelerated()) {
                    return "the CPU has no 256-bit vectors of doubles";
                }
                if (!fusedMultiplyAddInstructions()) {
                    return "the JVM does not use FMA instructions (-XX:-UseFMA or a CPU without them)";
                }
                return selfTestPasses() ? null : "the self-test on the RFC 7748 vector failed";
            } catch (LinkageError | RuntimeException e) {
                return "the self-test failed: " + e;
            }
        }
    }

    /**
     * HotSpot's UseFMA, on by default exactly when the CPU has FMA: without it every vector fma would be a
     * software {@link Math#fma}, exact but far slower than the scalar ladder. Unknown (another JVM, no
     * jdk.management module) counts as no.
     */
    private static boolean fusedMultiplyAddInstructions() {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * RFC 7748 section 5.2, first vector, in lane 0 (the test clamps the scalar itself: the ladder is unclamped);
     * the other lanes, other points by the same scalar, must agree with the scalar ladder.
     */
    static boolean selfTestPasses() {
        HexFormat hex = HexFormat.of();
        byte[] scalar = hex.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        scalar[0] &= (byte) 248;
        scalar[31] &= 127;
        scalar[31] |= 64;
        byte[] expected = hex.parseHex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
        long[][] u = {Field25519.create(), Field25519.constant(9), Field25519.create(),
            Field25519.constant(Field25519.P.subtract(BigInteger.ONE))};
        Field25519.decode(hex.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"), 0, u[0]);
        Field25519.decode(hex.parseHex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"), 0, u[2]);
        long[][] x = new long[FourLaneLadder.LANES][];
        long[][] z = new long[FourLaneLadder.LANES][];
        for (int lane = 0; lane < FourLaneLadder.LANES; lane++) {
            x[lane] = Field25519.create();
            z[lane] = Field25519.create();
        }
        new FourLaneLadder().multiply(scalar, u, x, z);
        byte[] lane0 = new byte[32];
        Field25519.encode(affine(x[0], z[0]), lane0, 0);
        if (!Arrays.equals(lane0, expected)) {
            return false;
        }
        MontgomeryLadder reference = new MontgomeryLadder();
        for (int lane = 1; lane < FourLaneLadder.LANES; lane++) {
            long[] want = Field25519.create();
            reference.multiplyAffine(scalar, u[lane], want);
            if (Field25519.equalMask(affine(x[lane], z[lane]), want) == 0) {
                return false;
            }
        }
        return true;
    }

    private static long[] affine(long[] x, long[] z) {
        long[] out = Field25519.create();
        Field25519.inv(z, out);
        Field25519.mul(x, out, out);
        Field25519.normalize(out);
        return out;
    }
}
