package io.trustfabric.operator.budget;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A tenant's Ed25519 receipt signing key (RFC 8032): the 32-byte private key and the 32-byte public key derived
 * from it. The workers sign receipts with it; anyone verifies them with the public key in Tenant.status.receiptKey.
 */
public record ReceiptSigningKey(byte[] privateKey, byte[] publicKey) {

    public ReceiptSigningKey {
        if (privateKey.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, got " + privateKey.length);
        }
        privateKey = privateKey.clone();
        publicKey = publicKey.clone();
    }

    public static ReceiptSigningKey generate(SecureRandom random) {
        return fromPrivate(new Ed25519PrivateKeyParameters(random).getEncoded());
    }

    /** The key pair of a 32-byte private key; the public key is derived, never taken on trust. */
    public static ReceiptSigningKey fromPrivate(byte[] privateKey) {
        if (privateKey.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, got " + privateKey.length);
        }
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(privateKey, 0);
        return new ReceiptSigningKey(key.getEncoded(), key.generatePublicKey().getEncoded());
    }

    /**
     * The key id receipts carry: the tenant and the first 8 bytes (hex) of SHA-256 of the public key, so it
     * changes whenever the key does and a verifier can tell keys apart, e.g. {@code acme-3f1a9c0d22b7e481}.
     */
    public String keyId(String tenant) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
            return tenant + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public String toString() {
        return "ReceiptSigningKey[public=" + HexFormat.of().formatHex(publicKey) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceiptSigningKey k && java.util.Arrays.equals(publicKey, k.publicKey)
                && MessageDigest.isEqual(privateKey, k.privateKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(publicKey);
    }
}
