package io.trustfabric.operator.budget;

import io.trustfabric.operator.budget.LeaseMessages.ReceiptReport;

/** Checks the receipts a worker sampled into a stored report (the SLA's verify rate). */
@FunctionalInterface
public interface SampledReceipts {

    SampledReceipts NONE = (namespace, tenant, leaseId, receipts) -> { };

    void check(String namespace, String tenant, String leaseId, ReceiptReport receipts);
}
