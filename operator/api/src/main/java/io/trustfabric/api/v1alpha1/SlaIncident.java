package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One SLA incident: opened when SLAConformant turned False, resolved when it turned True again. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SlaIncident {

    @JsonPropertyDescription("Incident id, unique per tenant, e.g. acme-20261203-1: the value to put in the annotation trustfabric.io/ack-incident.")
    private String id;

    @JsonPropertyDescription("Why SLAConformant turned False (its reason), e.g. ErrorBudgetBurnFast.")
    private String reason;

    @JsonPropertyDescription("When it opened (RFC 3339).")
    private String openedAt;

    @JsonPropertyDescription("When someone acknowledged it with the annotation trustfabric.io/ack-incident (RFC 3339).")
    private String acknowledgedAt;

    @JsonPropertyDescription("When SLAConformant turned True again (RFC 3339).")
    private String resolvedAt;

    @JsonPropertyDescription("The revision change the drill-down ranked first as its cause, if any (see tfctl why).")
    private String likelyCause;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getOpenedAt() { return openedAt; }
    public void setOpenedAt(String openedAt) { this.openedAt = openedAt; }
    public String getAcknowledgedAt() { return acknowledgedAt; }
    public void setAcknowledgedAt(String acknowledgedAt) { this.acknowledgedAt = acknowledgedAt; }
    public String getResolvedAt() { return resolvedAt; }
    public void setResolvedAt(String resolvedAt) { this.resolvedAt = resolvedAt; }
    public String getLikelyCause() { return likelyCause; }
    public void setLikelyCause(String likelyCause) { this.likelyCause = likelyCause; }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlaIncident i && Objects.equals(id, i.id) && Objects.equals(reason, i.reason)
                && Objects.equals(openedAt, i.openedAt) && Objects.equals(acknowledgedAt, i.acknowledgedAt)
                && Objects.equals(resolvedAt, i.resolvedAt) && Objects.equals(likelyCause, i.likelyCause);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, openedAt);
    }
}
