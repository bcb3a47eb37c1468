package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Golden queries sent to the current workers and to the candidate: are the answers the same, how fast is each. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnswerComparison {

    @JsonPropertyDescription("Golden queries answered by both sides and compared.")
    private Long compared;

    @JsonPropertyDescription("Queries whose answers are identical (psi: byte for byte in request order; psi-ca: as multisets).")
    private Long identical;

    @JsonPropertyDescription("Queries whose answers differ.")
    private Long differing;

    @JsonPropertyDescription("Queries one side failed to answer (the report has the problem types).")
    private Long failed;

    @JsonPropertyDescription("p50 latency of the current workers on the golden queries, in milliseconds.")
    private Double baselineP50Ms;

    @JsonPropertyDescription("p95 latency of the current workers on the golden queries, in milliseconds.")
    private Double baselineP95Ms;

    @JsonPropertyDescription("p50 latency of the candidate on the golden queries, in milliseconds.")
    private Double candidateP50Ms;

    @JsonPropertyDescription("p95 latency of the candidate on the golden queries, in milliseconds.")
    private Double candidateP95Ms;

    public Long getCompared() { return compared; }
    public void setCompared(Long compared) { this.compared = compared; }
    public Long getIdentical() { return identical; }
    public void setIdentical(Long identical) { this.identical = identical; }
    public Long getDiffering() { return differing; }
    public void setDiffering(Long differing) { this.differing = differing; }
    public Long getFailed() { return failed; }
    public void setFailed(Long failed) { this.failed = failed; }
    public Double getBaselineP50Ms() { return baselineP50Ms; }
    public void setBaselineP50Ms(Double baselineP50Ms) { this.baselineP50Ms = baselineP50Ms; }
    public Double getBaselineP95Ms() { return baselineP95Ms; }
    public void setBaselineP95Ms(Double baselineP95Ms) { this.baselineP95Ms = baselineP95Ms; }
    public Double getCandidateP50Ms() { return candidateP50Ms; }
    public void setCandidateP50Ms(Double candidateP50Ms) { this.candidateP50Ms = candidateP50Ms; }
    public Double getCandidateP95Ms() { return candidateP95Ms; }
    public void setCandidateP95Ms(Double candidateP95Ms) { this.candidateP95Ms = candidateP95Ms; }
}
