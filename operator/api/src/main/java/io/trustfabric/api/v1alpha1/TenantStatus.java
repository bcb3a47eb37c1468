package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.trustfabric.api.common.ConditionedStatus;

/** What the operator observed about a tenant. Conditions: Ready, WorkersAvailable (later PolicyReady, BudgetAvailable, SLAConformant). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantStatus extends ConditionedStatus {

    @JsonPropertyDescription("URL partners call to reach the tenant's PSI workers.")
    private String endpoint;

    @JsonPropertyDescription("Desired and ready worker replicas.")
    private WorkerStatus workers;

    public String getEndpoint() { return endpoint; }
    public void setEndpoint(String endpoint) { this.endpoint = endpoint; }
    public WorkerStatus getWorkers() { return workers; }
    public void setWorkers(WorkerStatus workers) { this.workers = workers; }
}
