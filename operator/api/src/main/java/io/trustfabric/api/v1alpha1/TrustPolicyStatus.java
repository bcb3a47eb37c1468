package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.trustfabric.api.common.ConditionedStatus;
import java.util.ArrayList;
import java.util.List;

/** The compiled policy. Conditions: Ready (bundle compiled and served). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrustPolicyStatus extends ConditionedStatus {

    /** How many revisions the timeline keeps, newest first. */
    public static final int MAX_TIMELINE = 20;

    @JsonPropertyDescription("Compiled revision, increased on every change of the bundle.")
    private Long revision;

    @JsonPropertyDescription("The OPA bundle the workers load.")
    private PolicyBundle bundle;

    @Size(max = PolicyMacroStatus.MAX_FINDINGS)
    @JsonPropertyDescription("Lint findings with severity and fix hints; an error finding keeps the previous revision in force.")
    private List<PolicyFinding> findings = new ArrayList<>();

    @Size(max = MAX_TIMELINE)
    @JsonPropertyDescription("The most recent revisions, newest first, with who changed what and its replayed impact.")
    private List<PolicyRevision> timeline = new ArrayList<>();

    public Long getRevision() { return revision; }
    public void setRevision(Long revision) { this.revision = revision; }
    public PolicyBundle getBundle() { return bundle; }
    public void setBundle(PolicyBundle bundle) { this.bundle = bundle; }
    public List<PolicyFinding> getFindings() { return findings; }
    public void setFindings(List<PolicyFinding> findings) { this.findings = findings; }
    public List<PolicyRevision> getTimeline() { return timeline; }
    public void setTimeline(List<PolicyRevision> timeline) { this.timeline = timeline; }
}
