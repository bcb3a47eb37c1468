package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** How many replayed decisions the candidate changed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScenarioSummary {

    /** How many partners byPartner lists; the rest are in the report. */
    public static final int MAX_PARTNERS = 50;

    @JsonPropertyDescription("Recorded decisions replayed.")
    private Long replayed;

    @JsonPropertyDescription("Decisions whose outcome differs under the candidate.")
    private Long changed;

    @JsonPropertyDescription("Decisions allowed today that the candidate would deny.")
    private Long allowedToDenied;

    @JsonPropertyDescription("Decisions denied today that the candidate would allow.")
    private Long deniedToAllowed;

    @ValidationRule(value = "size(self) <= " + MAX_PARTNERS, message = "byPartner lists at most " + MAX_PARTNERS + " partners")
    @JsonPropertyDescription("Changed decisions by partner id (the partners with most changes, at most 50).")
    private Map<String, Long> byPartner = new LinkedHashMap<>();

    public Long getReplayed() { return replayed; }
    public void setReplayed(Long replayed) { this.replayed = replayed; }
    public Long getChanged() { return changed; }
    public void setChanged(Long changed) { this.changed = changed; }
    public Long getAllowedToDenied() { return allowedToDenied; }
    public void setAllowedToDenied(Long allowedToDenied) { this.allowedToDenied = allowedToDenied; }
    public Long getDeniedToAllowed() { return deniedToAllowed; }
    public void setDeniedToAllowed(Long deniedToAllowed) { this.deniedToAllowed = deniedToAllowed; }
    public Map<String, Long> getByPartner() { return byPartner; }
    public void setByPartner(Map<String, Long> byPartner) { this.byPartner = byPartner; }
}
