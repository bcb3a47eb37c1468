package io.trustfabric.psi.protocol;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of an evaluated element, read as two 64-bit words: the hash input of GCS and Bloom digests. */
final class ElementHash {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ElementHash::newSha256);

    private ElementHash() {
    }

    /** First and second 64-bit words of SHA-256(element). */
    static long[] twoWords(byte[] element) {
        ByteBuffer digest = ByteBuffer.wrap(SHA256.get().digest(element));
        return new long[] {digest.getLong(), digest.getLong()};
    }

    static long firstWord(byte[] element) {
        return ByteBuffer.wrap(SHA256.get().digest(element)).getLong();
    }

    /** Maps a uniform 64-bit value onto [0, range) without modulo bias worth measuring: floor(h * range / 2^64). */
    static long reduce(long hash, long range) {
        long high = Math.multiplyHigh(hash, range);
        // multiplyHigh is signed; correct it to the unsigned product's high word (range is non-negative).
        return high + ((hash >> 63) & range);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
