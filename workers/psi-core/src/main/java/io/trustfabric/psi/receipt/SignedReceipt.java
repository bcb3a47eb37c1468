package io.trustfabric.psi.receipt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A receipt with its Ed25519 signature. The compact form, used in the {@code X-TrustFabric-Receipt} header,
 * in receipt files (one per line) and in reports to the operator, is
 * {@code base64url(canonical JSON) "." base64url(signature)}, both without padding.
 */
public record SignedReceipt(Receipt receipt, byte[] signature) {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    public SignedReceipt {
        if (signature == null || signature.length != ReceiptKeys.SIGNATURE_BYTES) {
            throw new IllegalArgumentException("an Ed25519 signature has " + ReceiptKeys.SIGNATURE_BYTES + " bytes");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public String compact() {
        return B64.encodeToString(receipt.canonicalBytes()) + "." + B64.encodeToString(signature);
    }

    /** {@code sha256:<hex>} of the compact form: it covers the receipt and its signature; the next receipt's {@code prev}. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(compact().getBytes(StandardCharsets.US_ASCII));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Parses the compact form (the signature is not checked here: see {@link ReceiptVerifier}). */
    public static SignedReceipt parseCompact(String compact) {
        String text = compact.strip();
        int dot = text.indexOf('.');
        if (dot <= 0 || dot != text.lastIndexOf('.')) {
            throw new IllegalArgumentException("not a valid receipt: expected two base64url parts separated by one '.'");
        }
        try {
            String json = new String(decodeCanonical(text.substring(0, dot), "the JSON part"), StandardCharsets.UTF_8);
            return new SignedReceipt(Receipt.parse(json), decodeCanonical(text.substring(dot + 1), "the signature"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid receipt: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes one part of a compact form, accepting only its canonical spelling: the base64url alphabet, no
     * padding, and zero unused bits in the last character. Every other spelling of the same bytes is refused, so
     * one receipt (or chain head) has exactly one valid compact form and one hash.
     */
    static byte[] decodeCanonical(String part, String what) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '=') {
                throw new IllegalArgumentException(what + " carries base64 padding '='; the compact form is unpadded base64url");
            }
            boolean urlSafe = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!urlSafe) {
                throw new IllegalArgumentException(what + " holds '" + (c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c)
                        : String.valueOf(c)) + "', which is not in the base64url alphabet (A-Z a-z 0-9 - _)");
            }
        }
        if (part.length() % 4 == 1) {
            throw new IllegalArgumentException(what + " has a length no base64url encoder produces");
        }
        byte[] bytes = B64_DECODER.decode(part);
        if (!B64.encodeToString(bytes).equals(part)) {
            throw new IllegalArgumentException(what + " is not canonical base64url: the unused bits of its last character are not zero");
        }
        return bytes;
    }
}
