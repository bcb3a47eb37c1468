package io.trustfabric.worker.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A partner's API key as the allowlist carries it: {@code sha256 = SHA-256(salt || utf8(apiKey))}.
 * The raw key is never stored; a presented key is hashed with the salt and compared in constant time.
 */
public record ApiKeyHash(byte[] salt, byte[] sha256) {
    public ApiKeyHash {
        if (salt.length == 0) {
            throw new IllegalArgumentException("apiKey.salt must not be empty");
        }
        if (sha256.length != 32) {
            throw new IllegalArgumentException("apiKey.sha256 must be 32 bytes, got " + sha256.length);
        }
        salt = salt.clone();
        sha256 = sha256.clone();
    }

    /** Parses the base64 members {@code salt} and {@code sha256} of the allowlist document. */
    public static ApiKeyHash fromBase64(String salt, String sha256) {
        Base64.Decoder decoder = Base64.getDecoder();
        return new ApiKeyHash(decoder.decode(salt), decoder.decode(sha256));
    }

    /** The hash of {@code apiKey} under {@code salt} (used by tests and tools that render allowlists). */
    public static ApiKeyHash of(byte[] salt, String apiKey) {
        return new ApiKeyHash(salt, digest(salt, apiKey));
    }

    /** Whether {@code presented} is this key; the comparison does not depend on where the bytes differ. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(sha256, digest(salt, presented));
    }

    private static byte[] digest(byte[] salt, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeyHash[redacted]";
    }
}
