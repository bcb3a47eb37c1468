package io.trustfabric.worker.receipts;

import io.trustfabric.psi.receipt.ChainHead;
import io.trustfabric.psi.receipt.Receipt;
import io.trustfabric.psi.receipt.ReceiptSigner;
import io.trustfabric.psi.receipt.SignedReceipt;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signs the next receipt of a lease's chain with the tenant key and appends it to the durable log. */
public final class ReceiptIssuer implements AutoCloseable {
    private final String tenant;
    private final ReceiptSigner signer;
    private final ReceiptLog log;
    /** Per partner, the newest {@link #HEADS_PER_PARTNER} leases' chain ends, by lease id. */
    private final Map<String, LinkedHashMap<String, ChainEnd>> heads = new HashMap<>();

    /** How many lease chains per partner {@code GET /v1/receipts/head} covers (the newest ones). */
    public static final int HEADS_PER_PARTNER = 64;

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
        recordEnd(signed.receipt(), chain.head()); // the chain hashed the receipt already
        return signed;
    }

    /** A lease chain's newest receipt and its hash. */
    private record ChainEnd(Receipt receipt, String hash) {
    }

    private synchronized void recordEnd(Receipt r, String hash) {
        LinkedHashMap<String, ChainEnd> leases = heads.computeIfAbsent(r.partner(), p -> new LinkedHashMap<>());
        leases.remove(r.leaseId());
        leases.put(r.leaseId(), new ChainEnd(r, hash));
        while (leases.size() > HEADS_PER_PARTNER) {
            leases.remove(leases.keySet().iterator().next());
        }
    }

    /**
     * The chain heads of {@code partner}'s leases on this worker (the newest {@link #HEADS_PER_PARTNER}, since it
     * started), signed now with the receipt key, in compact form, oldest lease first.
     */
    public synchronized List<String> signedHeads(String partner, Instant now) {
        List<String> out = new ArrayList<>();
        for (ChainEnd end : heads.getOrDefault(partner, new LinkedHashMap<>()).values()) {
            Receipt r = end.receipt();
            out.add(signer.sign(new ChainHead(r.tenant(), r.partner(), r.budget(), r.leaseId(), r.epoch(), r.sequence(),
                    end.hash(), now, signer.keyId())).compact());
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
