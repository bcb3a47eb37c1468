package io.trustfabric.worker.budget;

import java.util.List;

/** What a worker tells the operator about a lease: cumulative spend and its receipt chain (newest first in {@code last}). */
public record LeaseReport(long spentMicroEpsilon, long receiptCount, String chainHead, List<String> last) {
    public LeaseReport {
        last = List.copyOf(last);
    }
}
