package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

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

    @JsonPropertyDescription("Impact of the change on recorded traffic, e.g. \"replayed 1,204 decisions of the last 24h: 0 newly denied, 12 newly allowed\".")
    private String impact;

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
