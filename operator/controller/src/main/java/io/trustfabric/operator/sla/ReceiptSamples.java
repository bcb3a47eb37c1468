package io.trustfabric.operator.sla;

import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.budget.LeaseMessages.ReceiptReport;
import io.trustfabric.operator.budget.SampledReceipts;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.policy.decisions.TenantRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the receipts workers sample into their lease reports against the tenant's published receipt key and
 * counts them for the verify rate; a receipt that does not verify is a Warning Event on the Tenant.
 */
public final class ReceiptSamples implements SampledReceipts {

    public static final String EVENT_FAILED = "ReceiptVerificationFailed";

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptSamples.class);

    private final TenantCache tenants;
    private final SlaSampler sampler;
    private final EventPublisher events;

    public ReceiptSamples(TenantCache tenants, SlaSampler sampler, EventPublisher events) {
        this.tenants = tenants;
        this.sampler = sampler;
        this.events = events;
    }

    @Override
    public void check(String namespace, String tenantName, String leaseId, ReceiptReport receipts) {
        Tenant tenant = tenants.get(namespace, tenantName).orElse(null);
        if (tenant == null) {
            LOG.debug("Tenant {}/{} is not in the cache; its sampled receipts are not counted", namespace, tenantName);
            return;
        }
        String key = tenant.getStatus() == null || tenant.getStatus().getReceiptKey() == null ? null
                : tenant.getStatus().getReceiptKey().getPublicKey();
        TenantRef ref = new TenantRef(namespace, tenantName);
        for (String compact : receipts.sample()) {
            SampledReceiptCheck.Outcome outcome = SampledReceiptCheck.check(compact, key, ref.toString(), leaseId,
                    receipts.count(), receipts.chainHead());
            sampler.receiptChecked(ref, outcome.verified());
            if (!outcome.verified()) {
                events.publish(tenant, EventPublisher.WARNING, EVENT_FAILED, "A receipt sampled from lease " + leaseId
                        + " does not verify: " + outcome.problem() + ". Check the receipts with tfctl receipts verify"
                        + " and the worker's receipt key mount.");
            }
        }
    }
}
