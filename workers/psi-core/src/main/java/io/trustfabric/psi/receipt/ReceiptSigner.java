package io.trustfabric.psi.receipt;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Signs receipts with the tenant's Ed25519 receipt key (RFC 8032, pure Ed25519). */
public final class ReceiptSigner {
    private final Ed25519PrivateKeyParameters key;
    private final String keyId;

    public ReceiptSigner(Ed25519PrivateKeyParameters key, String keyId) {
        this.key = key;
        this.keyId = keyId;
    }

    /** The id receipts signed here carry; defaults to {@link ReceiptKeys#keyId} of the public key. */
    public String keyId() {
        return keyId;
    }

    public SignedReceipt sign(Receipt receipt) {
        return new SignedReceipt(receipt, signature(receipt.canonicalBytes()));
    }

    /** Signs a lease's chain head (served by the worker's {@code GET /v1/receipts/head}). */
    public SignedChainHead sign(ChainHead head) {
        return new SignedChainHead(head, signature(head.canonicalBytes()));
    }

    byte[] signature(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }
}
