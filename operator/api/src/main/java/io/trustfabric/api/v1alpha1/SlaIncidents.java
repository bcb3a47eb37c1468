package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A tenant's SLA incidents: the open one, the last few, and mean times over 30 days (the full list is in the ConfigMap TENANT-sla-incidents). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SlaIncidents {

    /** How many incidents status lists. */
    public static final int MAX_RECENT = 5;

    @JsonPropertyDescription("The incident open now (SLAConformant is False), if any.")
    private SlaIncident open;

    @Size(max = MAX_RECENT)
    @JsonPropertyDescription("The last incidents, newest first (at most 5, the open one included).")
    private List<SlaIncident> recent = new ArrayList<>();

    @JsonPropertyDescription("Incidents opened in the last 30 days.")
    private Long last30Days;

    @JsonPropertyDescription("Mean time to acknowledge (annotation trustfabric.io/ack-incident) over the acknowledged incidents of the last 30 days, in seconds.")
    private Double mttaSeconds;

    @JsonPropertyDescription("Mean time to resolve over the resolved incidents of the last 30 days, in seconds.")
    private Double mttrSeconds;

    public SlaIncident getOpen() { return open; }
    public void setOpen(SlaIncident open) { this.open = open; }
    public List<SlaIncident> getRecent() { return recent; }
    public void setRecent(List<SlaIncident> recent) { this.recent = recent; }
    public Long getLast30Days() { return last30Days; }
    public void setLast30Days(Long last30Days) { this.last30Days = last30Days; }
    public Double getMttaSeconds() { return mttaSeconds; }
    public void setMttaSeconds(Double mttaSeconds) { this.mttaSeconds = mttaSeconds; }
    public Double getMttrSeconds() { return mttrSeconds; }
    public void setMttrSeconds(Double mttrSeconds) { this.mttrSeconds = mttrSeconds; }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlaIncidents i && Objects.equals(open, i.open) && Objects.equals(recent, i.recent)
                && Objects.equals(last30Days, i.last30Days) && Objects.equals(mttaSeconds, i.mttaSeconds)
                && Objects.equals(mttrSeconds, i.mttrSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(open, recent, last30Days, mttaSeconds, mttrSeconds);
    }
}
