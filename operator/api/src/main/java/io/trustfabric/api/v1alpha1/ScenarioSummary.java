package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the candidate changed: counts common to all templates, and a part per template. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScenarioSummary {

    /** How many partners byPartner lists; the rest are in the report. */
    public static final int MAX_PARTNERS = 50;

    @JsonPropertyDescription("Recorded decisions, charges or golden queries replayed.")
    private Long replayed;

    @JsonPropertyDescription("Replayed items whose outcome differs under the candidate (decisions, refusals or answers).")
    private Long changed;

    @JsonPropertyDescription("Decisions allowed today that the candidate would deny.")
    private Long allowedToDenied;

    @JsonPropertyDescription("Decisions denied today that the candidate would allow.")
    private Long deniedToAllowed;

    @ValidationRule(value = "size(self) <= " + MAX_PARTNERS, message = "byPartner lists at most " + MAX_PARTNERS + " partners")
    @JsonPropertyDescription("Changed decisions by partner id (the partners with most changes, at most 50).")
    private Map<String, Long> byPartner = new LinkedHashMap<>();

    @ValidationRule(value = "size(self) <= " + MAX_PARTNERS, message = "byRule lists at most " + MAX_PARTNERS + " rules")
    @JsonPropertyDescription("policy-tweak: changed decisions by the rule that made the difference (at most 50).")
    private Map<String, Long> byRule = new LinkedHashMap<>();

    @ValidationRule(value = "size(self) <= " + MAX_PARTNERS, message = "byReason lists at most " + MAX_PARTNERS + " reasons")
    @JsonPropertyDescription("policy-tweak: changed decisions by reason code (e.g. region-not-allowed; allowed for newly allowed), at most 50.")
    private Map<String, Long> byReason = new LinkedHashMap<>();

    @JsonPropertyDescription("budget-change: the recorded charges replayed through the budget ledger with the current and the candidate settings.")
    private BudgetReplaySummary budget;

    @JsonPropertyDescription("worker-pin and seed-change: golden answers and latencies of the two sides.")
    private AnswerComparison answers;

    @JsonPropertyDescription("seed-change: setup and data set differences (counts only, never items).")
    private DatasetComparison dataset;

    @JsonPropertyDescription("One line a human reads first, e.g. '12 of 480 decisions change: 12 allowed today would be denied'.")
    private String headline;

    public Map<String, Long> getByRule() { return byRule; }
    public void setByRule(Map<String, Long> byRule) { this.byRule = byRule; }
    public Map<String, Long> getByReason() { return byReason; }
    public void setByReason(Map<String, Long> byReason) { this.byReason = byReason; }
    public BudgetReplaySummary getBudget() { return budget; }
    public void setBudget(BudgetReplaySummary budget) { this.budget = budget; }
    public AnswerComparison getAnswers() { return answers; }
    public void setAnswers(AnswerComparison answers) { this.answers = answers; }
    public DatasetComparison getDataset() { return dataset; }
    public void setDataset(DatasetComparison dataset) { this.dataset = dataset; }
    public String getHeadline() { return headline; }
    public void setHeadline(String headline) { this.headline = headline; }
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
