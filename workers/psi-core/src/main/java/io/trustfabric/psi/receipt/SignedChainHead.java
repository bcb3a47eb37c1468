package io.trustfabric.psi.receipt;


/** A {@link ChainHead} with its Ed25519 signature, in the same compact form as a receipt. */
public record SignedChainHead(ChainHead head, byte[] signature) {

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
        return CompactForm.encode(head.canonicalBytes(), signature);
    }

    /** Parses the canonical compact form only (the signature is not checked here: see {@link ReceiptVerifier}). */
    public static SignedChainHead parseCompact(String compact) {
        try {
            CompactForm.Parts parts = CompactForm.parse(compact, "chain head");
            return new SignedChainHead(ChainHead.parse(parts.json()), parts.signature());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("not a valid") ? e.getMessage()
                    : "not a valid chain head: " + e.getMessage(), e);
        }
    }
}
