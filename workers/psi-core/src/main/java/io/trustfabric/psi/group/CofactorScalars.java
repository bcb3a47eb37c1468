package io.trustfabric.psi.group;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Secret scalars of the form s = 8k mod 8l with k in [1, l): multiples of the cofactor 8, below 8l, non-zero
 * modulo the prime group order l. Multiplying by such an s kills any small-order component of a received
 * point, so a malicious point never leaks key bits modulo 8. Key setup only: BigInteger is fine here.
 */
final class CofactorScalars {

    /** l = 2^252 + 27742317777372353535851937790883648493, the order of the prime-order subgroup. */
    static final BigInteger ORDER = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    static final BigInteger COFACTOR = BigInteger.valueOf(8);
    private static final BigInteger COFACTOR_TIMES_ORDER = ORDER.multiply(COFACTOR);
    private static final BigInteger COFACTOR_INVERSE = COFACTOR.modInverse(ORDER);
    private static final byte[] SEED_DOMAIN =
            "trustfabric/psi/curve25519/scalar-from-seed/v1".getBytes(StandardCharsets.US_ASCII);

    private CofactorScalars() {
    }

    static Scalar random(SecureRandom random) {
        byte[] wide = new byte[64];
        BigInteger k;
        do {
            random.nextBytes(wide);
            k = reduceWide(wide);
        } while (k.signum() == 0);
        return toScalar(k);
    }

    /** SHA-512(domain || len(seed) || seed || counter) reduced modulo l; the counter only moves in the 2^-252 case of k = 0. */
    static Scalar fromSeed(byte[] seed) {
        if (seed.length == 0) {
            throw new IllegalArgumentException("the key seed is empty");
        }
        for (int counter = 0; ; counter++) {
            MessageDigest sha512 = sha512();
            sha512.update(SEED_DOMAIN);
            sha512.update(new byte[] {(byte) (seed.length >>> 24), (byte) (seed.length >>> 16),
                (byte) (seed.length >>> 8), (byte) seed.length});
            sha512.update(seed);
            sha512.update((byte) counter);
            BigInteger k = reduceWide(sha512.digest());
            if (k.signum() != 0) {
                return toScalar(k);
            }
        }
    }

    /** t = 8 m with 8 m = s^-1 (mod l): t s = 1 (mod l) and t = 0 (mod 8). */
    static Scalar inverse(Scalar s) {
        BigInteger value = validated(s);
        BigInteger m = value.modInverse(ORDER).multiply(COFACTOR_INVERSE).mod(ORDER);
        return new Scalar(Field25519.toLittleEndian32(m.multiply(COFACTOR)));
    }

    /** The scalar's value after checking it is a non-zero multiple of 8 below 8l. */
    static BigInteger validated(Scalar s) {
        BigInteger value = fromLittleEndian(s.bytesNoCopy());
        if (value.testBit(0) || value.testBit(1) || value.testBit(2)) {
            throw new IllegalArgumentException("secret scalar is not a multiple of the cofactor 8");
        }
        if (value.compareTo(COFACTOR_TIMES_ORDER) >= 0) {
            throw new IllegalArgumentException("secret scalar is not below 8 times the group order");
        }
        if (value.mod(ORDER).signum() == 0) {
            throw new IllegalArgumentException("secret scalar is zero modulo the group order");
        }
        return value;
    }

    /** Cheap, constant-time hot-path guard: a valid secret scalar is non-zero and its low three bits are zero. */
    static void requireCofactorMultiple(Scalar s) {
        byte[] bytes = s.bytesNoCopy();
        if ((bytes[0] & 7) != 0) {
            throw new IllegalArgumentException("secret scalar is not a multiple of the cofactor 8");
        }
        int any = 0;
        for (byte b : bytes) {
            any |= b;
        }
        if (any == 0) {
            throw new IllegalArgumentException("secret scalar is zero (was it destroyed?)");
        }
    }

    private static Scalar toScalar(BigInteger k) {
        return new Scalar(Field25519.toLittleEndian32(k.multiply(COFACTOR)));
    }

    private static BigInteger reduceWide(byte[] littleEndian) {
        return fromLittleEndian(littleEndian).mod(ORDER);
    }

    static BigInteger fromLittleEndian(byte[] littleEndian) {
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by every Java platform", e);
        }
    }
}
