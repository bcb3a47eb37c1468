package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What one canary run measured on both lanes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryRun {

    @JsonPropertyDescription("RFC 3339 time the run finished.")
    private String at;

    @JsonPropertyDescription("Golden queries both lanes answered identically.")
    private Integer answersMatched;

    @JsonPropertyDescription("Golden queries whose answers differed between the lanes.")
    private Integer answersDiffered;

    @JsonPropertyDescription("Golden queries the baseline failed to answer.")
    private Integer errorsBaseline;

    @JsonPropertyDescription("Golden queries the candidate failed to answer.")
    private Integer errorsCandidate;

    @JsonPropertyDescription("95th percentile latency of the baseline lane, in milliseconds.")
    private Double p95BaselineMs;

    @JsonPropertyDescription("95th percentile latency of the candidate lane, in milliseconds.")
    private Double p95CandidateMs;

    @JsonPropertyDescription("p-value of the test that the candidate is slower, as a decimal string; compared with 1 - latencyConfidence.")
    @JsonProperty("pValue")
    private String pValue;

    public String getAt() { return at; }
    public void setAt(String at) { this.at = at; }
    public Integer getAnswersMatched() { return answersMatched; }
    public void setAnswersMatched(Integer answersMatched) { this.answersMatched = answersMatched; }
    public Integer getAnswersDiffered() { return answersDiffered; }
    public void setAnswersDiffered(Integer answersDiffered) { this.answersDiffered = answersDiffered; }
    public Integer getErrorsBaseline() { return errorsBaseline; }
    public void setErrorsBaseline(Integer errorsBaseline) { this.errorsBaseline = errorsBaseline; }
    public Integer getErrorsCandidate() { return errorsCandidate; }
    public void setErrorsCandidate(Integer errorsCandidate) { this.errorsCandidate = errorsCandidate; }
    public Double getP95BaselineMs() { return p95BaselineMs; }
    public void setP95BaselineMs(Double p95BaselineMs) { this.p95BaselineMs = p95BaselineMs; }
    public Double getP95CandidateMs() { return p95CandidateMs; }
    public void setP95CandidateMs(Double p95CandidateMs) { this.p95CandidateMs = p95CandidateMs; }
    @JsonProperty("pValue")
    public String getPValue() { return pValue; }
    @JsonProperty("pValue")
    public void setPValue(String pValue) { this.pValue = pValue; }
}
