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
    public static final int MAX_TIMELINE = 10;

    @JsonPropertyDescription("Compiled revision, increased on every change of the bundle.")
    private Long revision;

    @JsonPropertyDescription("The OPA bundle the workers load.")
    private PolicyBundle bundle;

    @Size(max = PolicyMacroStatus.MAX_FINDINGS)
    @JsonPropertyDescription("Lint findings with severity and fix hints; an error finding keeps the previous revision in force.")
    private List<PolicyFinding> findings = new ArrayList<>();

    @Size(max = MAX_TIMELINE)
    @JsonPropertyDescription("The last 10 revisions, newest first: who changed what, the enforcement actions, and the impact replayed on recorded decisions.")
    private List<PolicyRevision> timeline = new ArrayList<>();

    @Size(max = TrustPolicySpec.MAX_RULES)
    @JsonPropertyDescription("Rules in dryrun: since when, and how many recorded queries they would have denied (promote with tfctl policy promote).")
    private List<DryrunTally> dryrun = new ArrayList<>();

    @JsonPropertyDescription("Name of the ConfigMap (same namespace) that keeps the longer revision history; status.timeline holds the last 10.")
    private String history;

    public List<DryrunTally> getDryrun() { return dryrun; }
    public void setDryrun(List<DryrunTally> dryrun) { this.dryrun = dryrun; }
    public String getHistory() { return history; }
    public void setHistory(String history) { this.history = history; }
    public Long getRevision() { return revision; }
    public void setRevision(Long revision) { this.revision = revision; }
    public PolicyBundle getBundle() { return bundle; }
    public void setBundle(PolicyBundle bundle) { this.bundle = bundle; }
    public List<PolicyFinding> getFindings() { return findings; }
    public void setFindings(List<PolicyFinding> findings) { this.findings = findings; }
    public List<PolicyRevision> getTimeline() { return timeline; }
    public void setTimeline(List<PolicyRevision> timeline) { this.timeline = timeline; }
}
