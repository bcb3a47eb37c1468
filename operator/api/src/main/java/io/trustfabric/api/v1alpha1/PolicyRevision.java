package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One entry of a policy's timeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyRevision {

    /** How many change lines one revision keeps. */
    public static final int MAX_CHANGES = 50;

    @JsonPropertyDescription("The compiled revision.")
    private Long revision;

    @JsonPropertyDescription("RFC 3339 time the revision was compiled.")
    private String at;

    @JsonPropertyDescription("Who made the change (the field manager of the spec update, e.g. argocd or kubectl).")
    private String by;

    @Size(max = MAX_CHANGES)
    @JsonPropertyDescription("Human-readable changes against the previous revision, e.g. \"eu-only: allowedRegions + eu-central-1\".")
    private List<String> changes = new ArrayList<>();

    @JsonPropertyDescription("Impact on recorded traffic in words, e.g. \"would have denied 12 of 3,400 recent queries (partner globex: 12); allows 0 previously denied\", or that no decisions are recorded yet.")
    private String impact;

    @JsonPropertyDescription("sha256 digest of the revision's bundle (status.bundle.digest when it was served).")
    private String digest;

    @JsonPropertyDescription("Enforcement action of every rule in this revision, rule name to enforce, warn or dryrun.")
    private Map<String, EnforcementAction> actions = new LinkedHashMap<>();

    @JsonPropertyDescription("The replay behind impact, in numbers; absent when nothing was replayed.")
    private ImpactReplay replay;

    @Size(max = MAX_CHANGES)
    @JsonPropertyDescription("What partners can obtain now that they could not before (+) and the reverse (-): modes, normalizations, set sizes.")
    private List<String> minimization = new ArrayList<>();

    @JsonPropertyDescription("The earlier revision whose bundle digest this one equals (the change was reverted).")
    private Long revertOf;

    public String getDigest() { return digest; }
    public void setDigest(String digest) { this.digest = digest; }
    public Map<String, EnforcementAction> getActions() { return actions; }
    public void setActions(Map<String, EnforcementAction> actions) { this.actions = actions; }
    public ImpactReplay getReplay() { return replay; }
    public void setReplay(ImpactReplay replay) { this.replay = replay; }
    public List<String> getMinimization() { return minimization; }
    public void setMinimization(List<String> minimization) { this.minimization = minimization; }
    public Long getRevertOf() { return revertOf; }
    public void setRevertOf(Long revertOf) { this.revertOf = revertOf; }
    public Long getRevision() { return revision; }
    public void setRevision(Long revision) { this.revision = revision; }
    public String getAt() { return at; }
    public void setAt(String at) { this.at = at; }
    public String getBy() { return by; }
    public void setBy(String by) { this.by = by; }
    public List<String> getChanges() { return changes; }
    public void setChanges(List<String> changes) { this.changes = changes; }
    public String getImpact() { return impact; }
    public void setImpact(String impact) { this.impact = impact; }
}
