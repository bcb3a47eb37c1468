package io.trustfabric.psi.receipt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Reads Ed25519 keys in the forms the tenant's receipt key takes: 32 raw bytes, their base64, or the
 * DER encodings (PKCS#8 private key, X.509 SubjectPublicKeyInfo), base64 or PEM.
 */
public final class ReceiptKeys {
    public static final int KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private ReceiptKeys() {
    }

    public static Ed25519PrivateKeyParameters readPrivateKey(Path file) throws IOException {
        byte[] raw = rawKey(Files.readAllBytes(file), PKCS8_PREFIX, "private key file " + file);
        return new Ed25519PrivateKeyParameters(raw, 0);
    }

    /** {@code text} is base64 (raw or SubjectPublicKeyInfo), PEM, or a path to a file holding one of those. */
    public static Ed25519PublicKeyParameters parsePublicKey(String textOrFile) throws IOException {
        Path file = Path.of(textOrFile);
        boolean isFile = !textOrFile.isBlank() && textOrFile.length() < 4096 && Files.isRegularFile(file);
        byte[] content = isFile ? Files.readAllBytes(file) : textOrFile.getBytes(StandardCharsets.US_ASCII);
        return new Ed25519PublicKeyParameters(rawKey(content, SPKI_PREFIX, isFile ? "key file " + file : "--tenant-key"), 0);
    }

    /** A short stable id of a public key: {@code ed25519:} and the first 8 bytes of its SHA-256 in hex. */
    public static String keyId(Ed25519PublicKeyParameters key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "ed25519:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] rawKey(byte[] content, byte[] derPrefix, String what) {
        byte[] bytes = content;
        if (bytes.length != KEY_BYTES) {
            String text = new String(content, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            try {
                bytes = text.contains("-") || text.contains("_")
                        ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " is neither 32 raw bytes nor base64 / PEM of an Ed25519 key");
            }
        }
        if (bytes.length == derPrefix.length + KEY_BYTES
                && Arrays.equals(bytes, 0, derPrefix.length, derPrefix, 0, derPrefix.length)) {
            bytes = Arrays.copyOfRange(bytes, derPrefix.length, bytes.length);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " does not hold an Ed25519 key (" + bytes.length + " bytes)");
        }
        return bytes;
    }
}
