package io.trustfabric.psi.group;

import static io.trustfabric.psi.group.Field25519.*;

import java.security.SecureRandom;

/**
 * The PSI group on Curve25519: elements are the 32-byte little-endian u-coordinates of points in the prime-order
 * subgroup, hashing is RFC 9380 {@code curve25519_XMD:SHA-512_ELL2_RO_}, and scalar multiplication is an
 * unclamped x-only Montgomery ladder by secret multiples of the cofactor (see docs/crypto.md).
 *
 * <p>Batches ({@link #multiplyAll}, {@link #hashAndMultiplyAll}) run four ladders at once on SIMD lanes
 * ({@link FourLaneLadder}) when the JVM has {@code --add-modules jdk.incubator.vector}, unless
 * {@code -Dtrustfabric.psi.simd=false} (see {@link FourLaneSupport}); the results are identical either way.
 *
 * <p>Thread-safe: each thread gets its own scratch workspace, so the hot path does not allocate field elements.
 */
public final class Curve25519Group implements PrimeOrderGroup {

    /** The RFC 9380 suite identifier; callers put it at the end of their domain separation tags. */
    public static final String HASH_TO_CURVE_SUITE = HashToCurve25519.SUITE;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);
    /**
     * Fewer elements than this left over go through the scalar ladder: four lanes cost about as much as two to
     * three scalar ladders (1.5-2x per element, docs/crypto.md, "SIMD ladder"), so one or two elements are
     * cheaper (or no dearer) alone, three are not.
     */
    private static final int MIN_FOUR_LANE_ELEMENTS = 3;

    /** Null when batches use the four-lane ladder, else why not. */
    private final String scalarReason;

    /** The four-lane SIMD ladder for batches when the JVM supports it (see the class comment), else the scalar one. */
    public Curve25519Group() {
        this(FourLaneSupport.scalarReason());
    }

    /** {@code scalarReason} null selects the four-lane ladder (the caller checked it is available). */
    Curve25519Group(String scalarReason) {
        this.scalarReason = scalarReason;
    }

    /** How batches are multiplied, for the startup log: the four-lane SIMD ladder or the scalar one and why. */
    public String scalarMultiplication() {
        return scalarReason == null
                ? "four-lane SIMD Montgomery ladder (jdk.incubator.vector)"
                : "scalar Montgomery ladder (" + scalarReason + ")";
    }

    @Override
    public int elementBytes() {
        return ReceivedElement.BYTES;
    }

    @Override
    public byte[] hashToElement(byte[] message, byte[] dst) {
        requireMessage(message);
        requireDst(dst);
        Workspace w = WORKSPACE.get();
        w.hashToCurve.hashToU(message, dst, w.u);
        return encoded(w.u);
    }

    @Override
    public byte[] hashAndMultiply(Scalar s, byte[] message, byte[] dst) {
        CofactorScalars.requireCofactorMultiple(s);
        requireMessage(message);
        requireDst(dst);
        Workspace w = WORKSPACE.get();
        w.hashToCurve.hashToU(message, dst, w.u);
        w.ladder.multiplyAffine(s.bytesNoCopy(), w.u, w.result);
        return encoded(w.result);
    }

    @Override
    public byte[] multiply(Scalar s, byte[] element) {
        CofactorScalars.requireCofactorMultiple(s);
        Workspace w = WORKSPACE.get();
        ReceivedElement.decode(element, w.u);
        w.ladder.multiplyAffine(s.bytesNoCopy(), w.u, w.result);
        if (isZeroVar(w.result)) {
            throw new InvalidElementException("element has small order: the product is the identity");
        }
        return encoded(w.result);
    }

    /**
     * {@code s · P} for every element, sharing one field inversion across the batch (Montgomery's trick).
     * Validates every element; the exception names the index of the first bad one (a malformed encoding, or a
     * small-order point, found when its product is the identity).
     */
    @Override
    public byte[][] multiplyAll(Scalar s, byte[][] elements) {
        CofactorScalars.requireCofactorMultiple(s);
        int n = elements.length;
        long[][] u = new long[n][];
        int valid = 0;
        InvalidElementException invalid = null;
        for (; valid < n; valid++) {
            u[valid] = create();
            try {
                ReceivedElement.decode(elements[valid], u[valid]);
            } catch (InvalidElementException e) {
                invalid = new InvalidElementException("element " + valid + ": " + e.getMessage());
                break;
            }
        }
        long[][] x = new long[valid][];
        long[][] z = new long[valid][];
        multiplyProjective(s.bytesNoCopy(), u, valid, x, z);
        for (int i = 0; i < valid; i++) {
            normalize(z[i]);
            if (isZeroVar(z[i])) {
                throw new InvalidElementException("element " + i + ": element has small order: the product is the identity");
            }
        }
        if (invalid != null) {
            throw invalid;
        }
        return affineEncodings(x, z);
    }

    /** {@code s · hashToElement(m, dst)} for every message, sharing field inversions across the batch. */
    @Override
    public byte[][] hashAndMultiplyAll(Scalar s, byte[][] messages, byte[] dst) {
        CofactorScalars.requireCofactorMultiple(s);
        requireDst(dst);
        Workspace w = WORKSPACE.get();
        int n = messages.length;
        long[][] numerators = new long[n][];
        long[][] denominators = new long[n][];
        for (byte[] message : messages) {
            requireMessage(message);
        }
        for (int i = 0; i < n; i++) {
            numerators[i] = create();
            denominators[i] = create();
            w.hashToCurve.hash(messages[i], dst).montgomeryU(numerators[i], denominators[i]);
            normalize(denominators[i]);
            if (isZeroVar(denominators[i])) {
                one(denominators[i]);         // the identity (probability 2^-250): u = 0 by convention
                zero(numerators[i]);
            }
        }
        BatchInversion.invertAll(denominators);
        long[][] x = new long[n][];
        long[][] z = new long[n][];
        for (int i = 0; i < n; i++) {
            mul(numerators[i], denominators[i], numerators[i]);   // the affine u
        }
        multiplyProjective(s.bytesNoCopy(), numerators, n, x, z);
        for (int i = 0; i < n; i++) {
            normalize(z[i]);
            if (isZeroVar(z[i])) {            // only from the identity hash above: keep u = 0
                one(z[i]);
                zero(x[i]);
            }
        }
        return affineEncodings(x, z);
    }

    @Override
    public Scalar randomScalar(SecureRandom random) {
        return CofactorScalars.random(random);
    }

    @Override
    public Scalar scalarFromSeed(byte[] seed) {
        return CofactorScalars.fromSeed(seed);
    }

    @Override
    public Scalar inverse(Scalar s) {
        return CofactorScalars.inverse(s);
    }

    /** (x[i] : z[i]) = scalar · u[i] for i < count; allocates x[i] and z[i]. */
    private void multiplyProjective(byte[] scalar, long[][] u, int count, long[][] x, long[][] z) {
        Workspace w = WORKSPACE.get();
        for (int i = 0; i < count; i++) {
            x[i] = create();
            z[i] = create();
        }
        int i = 0;
        if (scalarReason == null) {
            for (; count - i >= MIN_FOUR_LANE_ELEMENTS; i += FourLaneLadder.LANES) {
                w.fourLanes().multiply(scalar, u, x, z, i, count - i);
            }
        }
        for (; i < count; i++) {
            w.ladder.multiply(scalar, u[i], x[i], z[i]);
        }
    }

    private static byte[][] affineEncodings(long[][] x, long[][] z) {
        BatchInversion.invertAll(z);
        byte[][] out = new byte[x.length][];
        for (int i = 0; i < x.length; i++) {
            mul(x[i], z[i], x[i]);
            out[i] = encoded(x[i]);
        }
        return out;
    }

    private static byte[] encoded(long[] fieldElement) {
        normalize(fieldElement);
        byte[] out = new byte[ReceivedElement.BYTES];
        encode(fieldElement, out, 0);
        return out;
    }

    private static void requireMessage(byte[] message) {
        if (message == null) {
            throw new IllegalArgumentException("the message to hash is missing");
        }
    }

    private static void requireDst(byte[] dst) {
        if (dst == null || dst.length == 0) {
            throw new IllegalArgumentException("the hash-to-curve domain separation tag must not be empty");
        }
    }

    /** Per-thread scratch: the ladder's and the hash's limbs are reused across calls. */
    private static final class Workspace {
        final MontgomeryLadder ladder = new MontgomeryLadder();
        final HashToCurve25519 hashToCurve = new HashToCurve25519();
        final long[] u = create();
        final long[] result = create();
        private FourLaneLadder fourLanes;

        /** Created on first use: only then is the Vector API loaded. */
        FourLaneLadder fourLanes() {
            if (fourLanes == null) {
                fourLanes = new FourLaneLadder();
            }
            return fourLanes;
        }
    }
}
