package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.trustfabric.api.common.ConditionedStatus;

/** What the operator observed about a tenant. Conditions: Ready, WorkersAvailable, PolicyReady, BudgetAvailable, SLAConformant. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantStatus extends ConditionedStatus {

    @JsonPropertyDescription("URL partners call to reach the tenant's PSI workers.")
    private String endpoint;

    @JsonPropertyDescription("Desired and ready worker replicas.")
    private WorkerStatus workers;

    @JsonPropertyDescription("Public key that verifies the receipts this tenant's workers sign.")
    private ReceiptKey receiptKey;

    @JsonPropertyDescription("Measured request rate, latency, error rate, availability, receipt verify rate, burn rates, error budget and incidents, compared with spec.sla in the SLAConformant condition.")
    private SlaMeasurement sla;

    @JsonPropertyDescription("The revisions in force (policy bundle, worker image and settings, allowlist and budget generations, data set, key epoch); tfctl why explains changes between them.")
    private RevisionSet revisions;

    public RevisionSet getRevisions() { return revisions; }
    public void setRevisions(RevisionSet revisions) { this.revisions = revisions; }
    public String getEndpoint() { return endpoint; }
    public void setEndpoint(String endpoint) { this.endpoint = endpoint; }
    public WorkerStatus getWorkers() { return workers; }
    public void setWorkers(WorkerStatus workers) { this.workers = workers; }
    public ReceiptKey getReceiptKey() { return receiptKey; }
    public void setReceiptKey(ReceiptKey receiptKey) { this.receiptKey = receiptKey; }
    public SlaMeasurement getSla() { return sla; }
    public void setSla(SlaMeasurement sla) { this.sla = sla; }
}
