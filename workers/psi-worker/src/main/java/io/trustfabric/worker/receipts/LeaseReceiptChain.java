package io.trustfabric.worker.receipts;

import io.trustfabric.psi.receipt.Receipt;
import io.trustfabric.psi.receipt.SignedReceipt;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The hash chain of one lease's receipts: next sequence number, chain head and the newest few. Not thread-safe. */
public final class LeaseReceiptChain {
    public static final int REPORTED_LAST = 10;

    private long count;
    private String head = Receipt.GENESIS;
    private final Deque<String> newest = new ArrayDeque<>();

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

    public void append(SignedReceipt signed) {
        if (signed.receipt().sequence() != nextSequence() || !signed.receipt().previousHash().equals(head)) {
            throw new IllegalStateException("receipt does not continue the chain of lease " + signed.receipt().leaseId());
        }
        count++;
        head = signed.hash();
        newest.addFirst(signed.compact());
        while (newest.size() > REPORTED_LAST) {
            newest.removeLast();
        }
    }
}
