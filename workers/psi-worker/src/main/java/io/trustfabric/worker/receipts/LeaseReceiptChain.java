package io.trustfabric.worker.receipts;

import io.trustfabric.psi.receipt.Receipt;
import io.trustfabric.psi.receipt.SignedReceipt;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The hash chain of one lease's receipts: next sequence number, chain head and the newest few. Not thread-safe. */
public final class LeaseReceiptChain {
    public static final int REPORTED_LAST = 10;
    /** At most this many receipts are sampled into one report (the operator refuses more). */
    public static final int SAMPLED = 4;

    private long count;
    private String head = Receipt.GENESIS;
    private final Deque<String> newest = new ArrayDeque<>();
    private int unsampled;

    public long nextSequence() {
        return count + 1;
    }

    public String head() {
        return head;
    }

    public long count() {
        return count;
    }

    /** Newest first, at most {@link #REPORTED_LAST}. */
    public List<String> newest() {
        return List.copyOf(newest);
    }

    /**
     * The newest receipts signed since the previous sample, at most {@link #SAMPLED}, newest first; each receipt is
     * sampled at most once, so the operator's verify rate does not count one receipt twice.
     */
    public List<String> takeSample() {
        List<String> sample = newest.stream().limit(Math.min(unsampled, SAMPLED)).toList();
        unsampled = 0;
        return sample;
    }

    public void append(SignedReceipt signed) {
        if (signed.receipt().sequence() != nextSequence() || !signed.receipt().previousHash().equals(head)) {
            throw new IllegalStateException("receipt does not continue the chain of lease " + signed.receipt().leaseId());
        }
        count++;
        head = signed.hash();
        newest.addFirst(signed.compact());
        unsampled++;
        while (newest.size() > REPORTED_LAST) {
            newest.removeLast();
        }
    }
}
