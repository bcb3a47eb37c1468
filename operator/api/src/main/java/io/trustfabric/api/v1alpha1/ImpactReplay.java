package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Recorded decisions of a tenant re-evaluated by OPA against a new revision's bundle. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImpactReplay {

    /** Most partners one replay names. */
    public static final int MAX_PARTNERS = 20;

    @JsonPropertyDescription("Recorded decisions replayed (0: none were recorded in the window).")
    private Long replayed;

    @JsonPropertyDescription("The window the decisions come from, e.g. 24h (bounded by the operator's decision log).")
    private String window;

    @JsonPropertyDescription("Queries allowed when recorded that the new revision denies.")
    private Long newlyDenied;

    @JsonPropertyDescription("Queries denied when recorded that the new revision allows.")
    private Long newlyAllowed;

    @Size(max = MAX_PARTNERS)
    @JsonPropertyDescription("Partners whose outcome changes, as partner=count, most first.")
    private List<String> partners = new ArrayList<>();

    @JsonPropertyDescription("Why no replay happened (e.g. OPA unreachable); absent when it ran.")
    private String skipped;

    public Long getReplayed() { return replayed; }
    public void setReplayed(Long replayed) { this.replayed = replayed; }
    public String getWindow() { return window; }
    public void setWindow(String window) { this.window = window; }
    public Long getNewlyDenied() { return newlyDenied; }
    public void setNewlyDenied(Long newlyDenied) { this.newlyDenied = newlyDenied; }
    public Long getNewlyAllowed() { return newlyAllowed; }
    public void setNewlyAllowed(Long newlyAllowed) { this.newlyAllowed = newlyAllowed; }
    public List<String> getPartners() { return partners; }
    public void setPartners(List<String> partners) { this.partners = partners; }
    public String getSkipped() { return skipped; }
    public void setSkipped(String skipped) { this.skipped = skipped; }
}
