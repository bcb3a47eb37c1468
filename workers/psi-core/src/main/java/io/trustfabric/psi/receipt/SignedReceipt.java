package io.trustfabric.psi.receipt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A receipt with its Ed25519 signature. The compact form, used in the {@code X-TrustFabric-Receipt} header,
 * in receipt files (one per line) and in reports to the operator, is
 * {@code base64url(canonical JSON) "." base64url(signature)}, both without padding.
 */
public record SignedReceipt(Receipt receipt, byte[] signature) {

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
        return CompactForm.encode(receipt.canonicalBytes(), signature);
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

    /** Parses the compact form, canonical spelling only (the signature is not checked here: see {@link ReceiptVerifier}). */
    public static SignedReceipt parseCompact(String compact) {
        try {
            CompactForm.Parts parts = CompactForm.parse(compact, "receipt");
            return new SignedReceipt(Receipt.parse(parts.json()), parts.signature());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("not a valid") ? e.getMessage()
                    : "not a valid receipt: " + e.getMessage(), e);
        }
    }
}
