package io.trustfabric.operator.sla;

import io.trustfabric.psi.receipt.ReceiptKeys;
import io.trustfabric.psi.receipt.ReceiptVerifier;
import io.trustfabric.psi.receipt.SignedReceipt;
import java.io.IOException;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Checks one receipt a worker sampled into its report, with the verifier {@code tfctl receipts verify} uses: the
 * canonical compact form, the Ed25519 signature against the tenant's published receipt key, the tenant and lease it
 * names, and, where the report allows, its place in the lease's chain. Fails closed: anything that cannot be checked
 * is not verified.
 */
public final class SampledReceiptCheck {

    /** The outcome: verified, or why not. */
    public record Outcome(boolean verified, String problem) {
        static final Outcome OK = new Outcome(true, null);

        static Outcome failed(String problem) {
            return new Outcome(false, problem);
        }
    }

    private SampledReceiptCheck() {
    }

    /**
     * @param publicKey  base64 of the tenant's receipt public key (status.receiptKey.publicKey); null: not published
     * @param tenant     the reporting tenant, "namespace/name"
     * @param leaseId    the lease the report is for
     * @param count      the reported length of the lease's chain
     * @param chainHead  the reported hash of the newest receipt (may be null)
     */
    public static Outcome check(String compact, String publicKey, String tenant, String leaseId, Long count,
                                String chainHead) {
        if (publicKey == null) {
            return Outcome.failed("the tenant has no published receipt key");
        }
        SignedReceipt signed;
        Ed25519PublicKeyParameters key;
        try {
            signed = SignedReceipt.parseCompact(compact);
        } catch (RuntimeException e) {
            return Outcome.failed(String.valueOf(e.getMessage()));
        }
        if (!publicKey.matches("[A-Za-z0-9+/]{40,200}={0,2}")) {
            return Outcome.failed("the tenant's receipt key is not base64");
        }
        try {
            key = ReceiptKeys.parsePublicKey(publicKey);
        } catch (IOException | RuntimeException e) {
            return Outcome.failed("the tenant's receipt key cannot be read: " + e.getMessage());
        }
        if (!new ReceiptVerifier(key).signatureValid(signed)) {
            return Outcome.failed("receipt " + signed.receipt().queryId()
                    + ": the signature does not verify against the tenant's receipt key");
        }
        if (!signed.receipt().tenant().equals(tenant)) {
            return Outcome.failed("receipt " + signed.receipt().queryId() + " names tenant " + signed.receipt().tenant());
        }
        if (!leaseId.equals(signed.receipt().leaseId())) {
            return Outcome.failed("receipt " + signed.receipt().queryId() + " belongs to lease "
                    + signed.receipt().leaseId() + ", not " + leaseId);
        }
        Optional<String> chain = chainProblem(signed, count, chainHead);
        return chain.map(Outcome::failed).orElse(Outcome.OK);
    }

    /** A receipt cannot be further down the chain than its length; the newest must be the head. */
    private static Optional<String> chainProblem(SignedReceipt signed, Long count, String chainHead) {
        long sequence = signed.receipt().sequence();
        if (count != null && sequence > count) {
            return Optional.of("receipt " + signed.receipt().queryId() + " has sequence " + sequence
                    + " beyond the reported chain length " + count);
        }
        if (count != null && sequence == count && chainHead != null && !chainHead.equals(signed.hash())) {
            return Optional.of("receipt " + signed.receipt().queryId()
                    + " is the newest of its chain but its hash is not the reported chain head");
        }
        return Optional.empty();
    }
}
