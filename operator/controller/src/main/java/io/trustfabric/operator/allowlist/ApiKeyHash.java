package io.trustfabric.operator.allowlist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A partner API key as it may leave its Secret: {@code sha256 = SHA-256(salt || utf8(apiKey))}.
 * <p>
 * The salt is derived, not random, so the rendered allowlist only changes when the key (or the partner) does:
 * {@code salt = first 16 bytes of SHA-256(utf8("trustfabric.io/partner-api-key/v1\n" + namespace + "\n" + tenant
 * + "\n" + partnerId))}. It is unique per tenant and partner, which is what a salt is for here: the same key used
 * with two tenants or two partners hashes differently, so no precomputed table serves more than one entry.
 * (docs/decisions/limited-ga.md explains why the salt need not be secret.)
 *
 * @param salt   16 bytes
 * @param sha256 32 bytes
 */
public record ApiKeyHash(byte[] salt, byte[] sha256) {

    public static final String SALT_CONTEXT = "trustfabric.io/partner-api-key/v1";
    public static final int SALT_BYTES = 16;

    public ApiKeyHash {
        salt = salt.clone();
        sha256 = sha256.clone();
    }

    public static byte[] salt(String namespace, String tenant, String partnerId) {
        String context = SALT_CONTEXT + "\n" + namespace + "\n" + tenant + "\n" + partnerId;
        return Arrays.copyOf(sha256(context.getBytes(StandardCharsets.UTF_8)), SALT_BYTES);
    }

    public static ApiKeyHash of(byte[] salt, String apiKey) {
        byte[] key = apiKey.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[salt.length + key.length];
        System.arraycopy(salt, 0, input, 0, salt.length);
        System.arraycopy(key, 0, input, salt.length, key.length);
        byte[] digest = sha256(input);
        Arrays.fill(input, (byte) 0);
        Arrays.fill(key, (byte) 0);
        return new ApiKeyHash(salt, digest);
    }

    /** Whether a presented key matches, in time independent of where it differs. */
    public boolean matches(String presentedKey) {
        return MessageDigest.isEqual(of(salt, presentedKey).sha256, sha256);
    }

    public String saltBase64() {
        return Base64.getEncoder().encodeToString(salt);
    }

    public String sha256Base64() {
        return Base64.getEncoder().encodeToString(sha256);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKeyHash other && Arrays.equals(salt, other.salt) && Arrays.equals(sha256, other.sha256);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + Arrays.hashCode(sha256);
    }

    /** Never prints the digest: it is not the key, but there is no reason to spread it through logs either. */
    @Override
    public String toString() {
        return "ApiKeyHash[salt=" + saltBase64() + "]";
    }
}
