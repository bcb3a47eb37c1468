package io.trustfabric.psi.group;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 9380 section 5.3.1 expand_message_xmd with SHA-512 (b_in_bytes = 64, s_in_bytes = 128). Not thread-safe. */
final class ExpandMessageXmd {

    private static final int B_IN_BYTES = 64;
    private static final int S_IN_BYTES = 128;
    private static final byte[] OVERSIZE_DST_PREFIX = "H2C-OVERSIZE-DST-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] Z_PAD = new byte[S_IN_BYTES];

    private final MessageDigest sha512 = sha512();

    byte[] expand(byte[] message, byte[] dst, int lengthInBytes) {
        int blocks = (lengthInBytes + B_IN_BYTES - 1) / B_IN_BYTES;
        if (blocks > 255 || lengthInBytes > 65535 || lengthInBytes <= 0) {
            throw new IllegalArgumentException("expand_message_xmd: cannot produce " + lengthInBytes + " bytes");
        }
        sha512.reset();                      // a failed earlier call must not leave input behind
        byte[] dstPrime = dstPrime(dst);

        sha512.update(Z_PAD);
        sha512.update(message);
        sha512.update((byte) (lengthInBytes >>> 8));
        sha512.update((byte) lengthInBytes);
        sha512.update((byte) 0);
        sha512.update(dstPrime);
        byte[] b0 = sha512.digest();

        byte[] out = new byte[lengthInBytes];
        byte[] previous = new byte[B_IN_BYTES];
        for (int i = 1; i <= blocks; i++) {
            for (int j = 0; j < B_IN_BYTES; j++) {
                previous[j] = (byte) (i == 1 ? b0[j] : b0[j] ^ previous[j]);
            }
            sha512.update(previous);
            sha512.update((byte) i);
            sha512.update(dstPrime);
            previous = sha512.digest();
            System.arraycopy(previous, 0, out, (i - 1) * B_IN_BYTES, Math.min(B_IN_BYTES, lengthInBytes - (i - 1) * B_IN_BYTES));
        }
        return out;
    }

    private byte[] dstPrime(byte[] dst) {
        byte[] effective = dst;
        if (dst.length > 255) {
            sha512.update(OVERSIZE_DST_PREFIX);
            effective = sha512.digest(dst);
        }
        byte[] dstPrime = new byte[effective.length + 1];
        System.arraycopy(effective, 0, dstPrime, 0, effective.length);
        dstPrime[effective.length] = (byte) effective.length;
        return dstPrime;
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by every Java platform", e);
        }
    }
}
