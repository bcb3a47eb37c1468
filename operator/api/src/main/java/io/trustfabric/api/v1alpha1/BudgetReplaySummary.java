package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A budget-change replay: the same recorded charges through the ledger with the current and the candidate settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BudgetReplaySummary {

    @JsonPropertyDescription("Name of the PrivacyBudget replayed.")
    private String budget;

    @JsonPropertyDescription("Recorded charges (allowed queries drawing on this budget) in the window.")
    private Long charges;

    @JsonPropertyDescription("Queries the current settings refuse (budget exhausted) in the replay.")
    private Long baselineRefused;

    @JsonPropertyDescription("Queries the candidate settings would refuse in the replay.")
    private Long candidateRefused;

    @JsonPropertyDescription("When the budget ran out under the current settings (RFC 3339); absent if it did not.")
    private String baselineExhaustedAt;

    @JsonPropertyDescription("When the budget would run out under the candidate (RFC 3339); absent if it would not.")
    private String candidateExhaustedAt;

    @JsonPropertyDescription("Epsilon remaining at the end of the last replayed period under the current settings, as a decimal string.")
    private String baselineRemaining;

    @JsonPropertyDescription("Epsilon remaining at the end of the last replayed period under the candidate, as a decimal string.")
    private String candidateRemaining;

    public String getBudget() { return budget; }
    public void setBudget(String budget) { this.budget = budget; }
    public Long getCharges() { return charges; }
    public void setCharges(Long charges) { this.charges = charges; }
    public Long getBaselineRefused() { return baselineRefused; }
    public void setBaselineRefused(Long baselineRefused) { this.baselineRefused = baselineRefused; }
    public Long getCandidateRefused() { return candidateRefused; }
    public void setCandidateRefused(Long candidateRefused) { this.candidateRefused = candidateRefused; }
    public String getBaselineExhaustedAt() { return baselineExhaustedAt; }
    public void setBaselineExhaustedAt(String baselineExhaustedAt) { this.baselineExhaustedAt = baselineExhaustedAt; }
    public String getCandidateExhaustedAt() { return candidateExhaustedAt; }
    public void setCandidateExhaustedAt(String candidateExhaustedAt) { this.candidateExhaustedAt = candidateExhaustedAt; }
    public String getBaselineRemaining() { return baselineRemaining; }
    public void setBaselineRemaining(String baselineRemaining) { this.baselineRemaining = baselineRemaining; }
    public String getCandidateRemaining() { return candidateRemaining; }
    public void setCandidateRemaining(String candidateRemaining) { this.candidateRemaining = candidateRemaining; }
}
