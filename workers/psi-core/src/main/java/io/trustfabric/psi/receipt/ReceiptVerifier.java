package io.trustfabric.psi.receipt;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Checks one receipt's Ed25519 signature against the tenant's public key. */
public final class ReceiptVerifier {
    private final Ed25519PublicKeyParameters key;

    public ReceiptVerifier(Ed25519PublicKeyParameters key) {
        this.key = key;
    }

    public boolean signatureValid(SignedReceipt signed) {
        return valid(signed.receipt().canonicalBytes(), signed.signature());
    }

    public boolean signatureValid(SignedChainHead signed) {
        return valid(signed.head().canonicalBytes(), signed.signature());
    }

    private boolean valid(byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
