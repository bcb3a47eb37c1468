package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A seed-change replay: the candidate's setup against the current one, counts only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetComparison {

    @JsonPropertyDescription("Server items in the current setup.")
    private Long baselineItems;

    @JsonPropertyDescription("Server items in the candidate's setup.")
    private Long candidateItems;

    @JsonPropertyDescription("Items the candidate data set has and the current one has not (after normalisation).")
    private Long itemsAdded;

    @JsonPropertyDescription("Items the current data set has and the candidate has not (after normalisation).")
    private Long itemsRemoved;

    @JsonPropertyDescription("Time the current workers took to build their setup, in milliseconds.")
    private Double baselineSetupMs;

    @JsonPropertyDescription("Time the candidate took to build its setup, in milliseconds.")
    private Double candidateSetupMs;

    @JsonPropertyDescription("Size of the current setup message, in bytes.")
    private Long baselineSetupBytes;

    @JsonPropertyDescription("Size of the candidate's setup message, in bytes.")
    private Long candidateSetupBytes;

    public Long getBaselineItems() { return baselineItems; }
    public void setBaselineItems(Long baselineItems) { this.baselineItems = baselineItems; }
    public Long getCandidateItems() { return candidateItems; }
    public void setCandidateItems(Long candidateItems) { this.candidateItems = candidateItems; }
    public Long getItemsAdded() { return itemsAdded; }
    public void setItemsAdded(Long itemsAdded) { this.itemsAdded = itemsAdded; }
    public Long getItemsRemoved() { return itemsRemoved; }
    public void setItemsRemoved(Long itemsRemoved) { this.itemsRemoved = itemsRemoved; }
    public Double getBaselineSetupMs() { return baselineSetupMs; }
    public void setBaselineSetupMs(Double baselineSetupMs) { this.baselineSetupMs = baselineSetupMs; }
    public Double getCandidateSetupMs() { return candidateSetupMs; }
    public void setCandidateSetupMs(Double candidateSetupMs) { this.candidateSetupMs = candidateSetupMs; }
    public Long getBaselineSetupBytes() { return baselineSetupBytes; }
    public void setBaselineSetupBytes(Long baselineSetupBytes) { this.baselineSetupBytes = baselineSetupBytes; }
    public Long getCandidateSetupBytes() { return candidateSetupBytes; }
    public void setCandidateSetupBytes(Long candidateSetupBytes) { this.candidateSetupBytes = candidateSetupBytes; }
}
