package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.trustfabric.api.common.ConditionedStatus;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed about an allowlist. Conditions: Ready. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PartnerAllowlistStatus extends ConditionedStatus {

    @JsonPropertyDescription("Partners that may query now.")
    private Integer activePartners;

    @JsonPropertyDescription("Partners whose entry has passed its expires time; they are refused.")
    private Integer expiredPartners;

    @JsonPropertyDescription("Partners that are refused because their entry cannot be used (e.g. missing credential Secret, mode the tenant does not allow).")
    private Integer invalidPartners;

    @Size(max = 256)
    @JsonPropertyDescription("Ids of the expired and invalid partners, so an SRE sees who is refused without reading the spec.")
    private List<String> refusedPartnerIds = new ArrayList<>();

    public Integer getActivePartners() { return activePartners; }
    public void setActivePartners(Integer activePartners) { this.activePartners = activePartners; }
    public Integer getExpiredPartners() { return expiredPartners; }
    public void setExpiredPartners(Integer expiredPartners) { this.expiredPartners = expiredPartners; }
    public Integer getInvalidPartners() { return invalidPartners; }
    public void setInvalidPartners(Integer invalidPartners) { this.invalidPartners = invalidPartners; }
    public List<String> getRefusedPartnerIds() { return refusedPartnerIds; }
    public void setRefusedPartnerIds(List<String> refusedPartnerIds) { this.refusedPartnerIds = refusedPartnerIds; }
}
