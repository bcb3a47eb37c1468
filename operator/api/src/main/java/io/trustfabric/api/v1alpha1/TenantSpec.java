package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantSpec {

    @Size(max = 128)
    @JsonPropertyDescription("Human-readable name of the tenant, shown in tfctl and dashboards.")
    private String displayName;

    @Default("false")
    @JsonPropertyDescription("Limited-GA switch. While false every partner query is refused with 'tenant not enabled'; set true to let allow-listed partners query.")
    private Boolean limitedGA = false;

    @Required
    @Size(min = 1, max = 2)
    @JsonPropertyDescription("Query modes partners may use at all: psi-ca (intersection size only) and/or psi (the intersecting items).")
    private List<QueryMode> modes = new ArrayList<>();

    @Size(max = 32)
    @JsonPropertyDescription("Contract flags of the tenant (e.g. eu-data, no-resale); echoed to partners and available to policies.")
    private List<String> contractFlags = new ArrayList<>();

    @Required
    @JsonPropertyDescription("The tenant's side of the intersection: where the items come from and how they are normalised.")
    private DatasetSource dataset;

    @JsonPropertyDescription("How the tenant's PSI workers run.")
    private WorkerSpec workers = new WorkerSpec();

    @JsonPropertyDescription("Share of a shared worker pool this tenant gets under saturation.")
    private FairShare fairShare;

    @JsonPropertyDescription("Rate limit applied to each partner that has none of its own.")
    private RateLimit defaultPartnerRate;

    @JsonPropertyDescription("Service level objectives; the operator reports conformance in the SLAConformant condition.")
    private SlaTargets sla;

    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public Boolean getLimitedGA() { return limitedGA; }
    public void setLimitedGA(Boolean limitedGA) { this.limitedGA = limitedGA; }
    public List<QueryMode> getModes() { return modes; }
    public void setModes(List<QueryMode> modes) { this.modes = modes; }
    public List<String> getContractFlags() { return contractFlags; }
    public void setContractFlags(List<String> contractFlags) { this.contractFlags = contractFlags; }
    public DatasetSource getDataset() { return dataset; }
    public void setDataset(DatasetSource dataset) { this.dataset = dataset; }
    public WorkerSpec getWorkers() { return workers; }
    public void setWorkers(WorkerSpec workers) { this.workers = workers; }
    public FairShare getFairShare() { return fairShare; }
    public void setFairShare(FairShare fairShare) { this.fairShare = fairShare; }
    public RateLimit getDefaultPartnerRate() { return defaultPartnerRate; }
    public void setDefaultPartnerRate(RateLimit defaultPartnerRate) { this.defaultPartnerRate = defaultPartnerRate; }
    public SlaTargets getSla() { return sla; }
    public void setSla(SlaTargets sla) { this.sla = sla; }
}
