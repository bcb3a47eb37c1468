package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** When a candidate counts as Healthy, Degraded or Failing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryJudge {

    @Default("true")
    @JsonPropertyDescription("If true, any answer of the candidate that differs from the baseline's makes the verdict Failing.")
    private Boolean answersMustMatch = true;

    @Default("0.95")
    @Pattern("^0\\.[0-9]*[1-9]$")
    @Size(max = 16)
    @JsonPropertyDescription("Confidence, strictly between 0 and 1 as a decimal string, required before a latency regression counts; below it the verdict is Inconclusive.")
    private String latencyConfidence = "0.95";

    @Min(0)
    @Max(1000)
    @Default("20")
    @JsonPropertyDescription("Largest tolerated increase of the candidate's p95 latency over the baseline's, in percent; more makes the verdict Degraded.")
    private Integer maxP95RegressionPercent = 20;

    public Boolean getAnswersMustMatch() { return answersMustMatch; }
    public void setAnswersMustMatch(Boolean answersMustMatch) { this.answersMustMatch = answersMustMatch; }
    public String getLatencyConfidence() { return latencyConfidence; }
    public void setLatencyConfidence(String latencyConfidence) { this.latencyConfidence = latencyConfidence; }
    public Integer getMaxP95RegressionPercent() { return maxP95RegressionPercent; }
    public void setMaxP95RegressionPercent(Integer maxP95RegressionPercent) { this.maxP95RegressionPercent = maxP95RegressionPercent; }
}
