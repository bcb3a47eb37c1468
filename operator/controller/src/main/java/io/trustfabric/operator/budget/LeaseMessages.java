package io.trustfabric.operator.budget;

import java.util.List;
import java.util.Map;

/** The JSON bodies of the lease endpoints (docs/control-api.md, "Budget leases"). */
public final class LeaseMessages {

    private LeaseMessages() {
    }

    /** POST …/leases. */
    public record LeaseRequest(String holder, String partner, Long requestMicroEpsilon) {
    }

    /**
     * Receipts part of a report: cumulative count of the lease's chain, its head, newest compact receipts first, and
     * (optional, newer workers) a sample of receipts signed since the previous report, which the operator verifies.
     */
    public record ReceiptReport(Long count, String chainHead, List<String> last, List<String> sample) {

        /** Without a sample, as workers before the SLA's verify rate report. */
        public ReceiptReport(Long count, String chainHead, List<String> last) {
            this(count, chainHead, last, null);
        }
    }

    /** Body of renew, receipts and (optionally) release. */
    public record LeaseReport(Long spentMicroEpsilon, ReceiptReport receipts) {
        public static final LeaseReport NONE = new LeaseReport(null, null);
    }

    /** 201 answer to a lease request; the grant is stored when it is sent. */
    public record LeaseGrant(String leaseId, String budget, String tenant, String partner, String holder,
                             long grantedMicroEpsilon, String expires, String periodStart, String periodEnd,
                             long epoch, long remainingMicroEpsilon, Map<String, Long> cost,
                             long spendMarginSeconds) {
    }

    /** 200 answer to renew and receipts. */
    public record LeaseState(String leaseId, long grantedMicroEpsilon, long spentMicroEpsilon, String expires,
                             String periodEnd, long epoch) {
    }

    /** 200 answer to release. */
    public record LeaseReleased(String leaseId, long spentMicroEpsilon, long returnedMicroEpsilon,
                                long remainingMicroEpsilon) {
    }
}
