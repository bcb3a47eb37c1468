package io.trustfabric.worker.receipts;

import io.trustfabric.psi.receipt.Receipt;
import io.trustfabric.psi.receipt.ReceiptSigner;
import io.trustfabric.psi.receipt.SignedReceipt;
import java.io.IOException;

/** Signs the next receipt of a lease's chain with the tenant key and appends it to the durable log. */
public final class ReceiptIssuer implements AutoCloseable {
    private final String tenant;
    private final ReceiptSigner signer;
    private final ReceiptLog log;

    public ReceiptIssuer(String tenant, ReceiptSigner signer, ReceiptLog log) {
        this.tenant = tenant;
        this.signer = signer;
        this.log = log;
    }

    /** What is charged; the chain supplies sequence and previous hash. */
    public record Charge(String partner, String budget, String leaseId, long epoch, String queryId, String mode,
                         long elements, long costMicroEpsilon, long remainingAfterMicroEpsilon,
                         java.time.Instant time) {
    }

    /** Callers hold the lease's lock, so the chain advances in sequence order and the log holds it in that order. */
    public SignedReceipt issue(LeaseReceiptChain chain, Charge c) throws IOException {
        SignedReceipt signed = signer.sign(new Receipt(tenant, c.partner(), c.budget(), c.leaseId(), c.epoch(),
                chain.nextSequence(), c.queryId(), c.mode(), c.elements(), c.costMicroEpsilon(),
                c.remainingAfterMicroEpsilon(), c.time(), signer.keyId(), chain.head()));
        log.append(signed.compact());
        chain.append(signed);
        return signed;
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
