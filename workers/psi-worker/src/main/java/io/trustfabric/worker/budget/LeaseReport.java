package io.trustfabric.worker.budget;

import java.util.List;

/**
 * What a worker tells the operator about a lease: cumulative spend and its receipt chain (newest first in
 * {@code last}), with {@code sample}: up to {@value io.trustfabric.worker.receipts.LeaseReceiptChain#SAMPLED} receipts
 * signed since the previous report, which the operator verifies for the tenant's SLA verify rate.
 */
public record LeaseReport(long spentMicroEpsilon, long receiptCount, String chainHead, List<String> last,
                          List<String> sample) {
    public LeaseReport {
        last = List.copyOf(last);
        sample = List.copyOf(sample);
    }

    public LeaseReport(long spentMicroEpsilon, long receiptCount, String chainHead, List<String> last) {
        this(spentMicroEpsilon, receiptCount, chainHead, last, List.of());
    }
}
