package io.trustfabric.psi.testgroup;

import io.trustfabric.psi.group.InvalidElementException;
import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.group.Scalar;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Test fixture: the quadratic residues modulo the 256-bit safe prime p = 2q + 1, a group of prime order q.
 * It lets protocol tests run the full ECDH-PSI algebra without the curve; it is not a curve and is not
 * used in production (the worker and client use Curve25519Group).
 */
public final class QuadraticResidueGroup implements PrimeOrderGroup {
    static final BigInteger P = new BigInteger("a3a48dcfe16b62d95d34e075c88a6cd4534ec8253fc4a072b2588d3072501aeb", 16);
    static final BigInteger Q = P.shiftRight(1);

    @Override
    public int elementBytes() {
        return 32;
    }

    @Override
    public byte[] hashToElement(byte[] message, byte[] dst) {
        BigInteger h = new BigInteger(1, sha512(dst, message)).mod(P);
        BigInteger element = h.multiply(h).mod(P);
        return encode(element.signum() == 0 ? BigInteger.valueOf(4) : element);
    }

    @Override
    public byte[] hashAndMultiply(Scalar s, byte[] message, byte[] dst) {
        return encode(new BigInteger(1, hashToElement(message, dst)).modPow(toInteger(s), P));
    }

    @Override
    public byte[] multiply(Scalar s, byte[] element) {
        return encode(decode(element).modPow(toInteger(s), P));
    }

    @Override
    public Scalar randomScalar(SecureRandom random) {
        BigInteger s;
        do {
            s = new BigInteger(Q.bitLength(), random).mod(Q);
        } while (s.signum() == 0);
        return toScalar(s);
    }

    @Override
    public Scalar scalarFromSeed(byte[] seed) {
        BigInteger s = new BigInteger(1, sha512(new byte[0], seed)).mod(Q.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        return toScalar(s);
    }

    @Override
    public Scalar inverse(Scalar s) {
        return toScalar(toInteger(s).modInverse(Q));
    }

    private static BigInteger decode(byte[] element) {
        if (element.length != 32) {
            throw new InvalidElementException("element must be 32 bytes");
        }
        BigInteger x = new BigInteger(1, element);
        if (x.compareTo(BigInteger.ONE) <= 0 || x.compareTo(P) >= 0) {
            throw new InvalidElementException("element out of range");
        }
        if (!x.modPow(Q, P).equals(BigInteger.ONE)) {
            throw new InvalidElementException("element is not in the prime-order subgroup");
        }
        return x;
    }

    private static byte[] encode(BigInteger x) {
        byte[] raw = x.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static BigInteger toInteger(Scalar s) {
        byte[] le = s.toBytes();
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        return new BigInteger(1, be);
    }

    private static Scalar toScalar(BigInteger s) {
        byte[] be = encode(s);
        byte[] le = new byte[32];
        for (int i = 0; i < 32; i++) {
            le[i] = be[31 - i];
        }
        return new Scalar(le);
    }

    private static byte[] sha512(byte[] dst, byte[] message) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            digest.update(ByteBuffer.allocate(4).putInt(dst.length).array());
            digest.update(dst);
            return digest.digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
