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

    @JsonPropertyDescription("Measured latency, error rate and error-budget burn rates, compared with spec.sla in the SLAConformant condition.")
    private SlaMeasurement sla;

    public String getEndpoint() { return endpoint; }
    public void setEndpoint(String endpoint) { this.endpoint = endpoint; }
    public WorkerStatus getWorkers() { return workers; }
    public void setWorkers(WorkerStatus workers) { this.workers = workers; }
    public ReceiptKey getReceiptKey() { return receiptKey; }
    public void setReceiptKey(ReceiptKey receiptKey) { this.receiptKey = receiptKey; }
    public SlaMeasurement getSla() { return sla; }
    public void setSla(SlaMeasurement sla) { this.sla = sla; }
}
