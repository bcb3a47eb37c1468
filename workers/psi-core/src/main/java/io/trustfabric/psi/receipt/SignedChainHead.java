package io.trustfabric.psi.receipt;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A {@link ChainHead} with its Ed25519 signature, in the same compact form as a receipt. */
public record SignedChainHead(ChainHead head, byte[] signature) {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public SignedChainHead {
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
        return B64.encodeToString(head.canonicalBytes()) + "." + B64.encodeToString(signature);
    }

    /** Parses the canonical compact form only (the signature is not checked here: see {@link ReceiptVerifier}). */
    public static SignedChainHead parseCompact(String compact) {
        String text = compact.strip();
        int dot = text.indexOf('.');
        if (dot <= 0 || dot != text.lastIndexOf('.')) {
            throw new IllegalArgumentException("not a valid chain head: expected two base64url parts separated by one '.'");
        }
        try {
            String json = new String(SignedReceipt.decodeCanonical(text.substring(0, dot), "the JSON part"), StandardCharsets.UTF_8);
            return new SignedChainHead(ChainHead.parse(json), SignedReceipt.decodeCanonical(text.substring(dot + 1), "the signature"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid chain head: " + e.getMessage(), e);
        }
    }
}
