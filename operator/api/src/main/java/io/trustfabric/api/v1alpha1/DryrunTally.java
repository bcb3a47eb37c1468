package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** What one rule in dryrun would have done so far. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DryrunTally {

    /** Most partners one tally names. */
    public static final int MAX_PARTNERS = 10;

    @JsonPropertyDescription("The rule's name.")
    private String rule;

    @JsonPropertyDescription("RFC 3339 time of the first revision that had the rule in dryrun (since it last entered dryrun).")
    private String since;

    @JsonPropertyDescription("Recorded queries since then that the rule would have denied had it been enforced.")
    private Long wouldDeny;

    @JsonPropertyDescription("Recorded queries since then that the rule was evaluated for.")
    private Long evaluated;

    @Size(max = MAX_PARTNERS)
    @JsonPropertyDescription("Partners with would-deny queries, most first, as partner=count.")
    private List<String> partners = new ArrayList<>();

    public String getRule() { return rule; }
    public void setRule(String rule) { this.rule = rule; }
    public String getSince() { return since; }
    public void setSince(String since) { this.since = since; }
    public Long getWouldDeny() { return wouldDeny; }
    public void setWouldDeny(Long wouldDeny) { this.wouldDeny = wouldDeny; }
    public Long getEvaluated() { return evaluated; }
    public void setEvaluated(Long evaluated) { this.evaluated = evaluated; }
    public List<String> getPartners() { return partners; }
    public void setPartners(List<String> partners) { this.partners = partners; }
}
