package io.trustfabric.api.v1alpha1;

/** Outcome of the latest canary run. Constants are spelled as in YAML. */
public enum CanaryVerdict {
    /** Answers match and latency is within the tolerated regression. */
    Healthy,
    /** Answers match but p95 latency regressed beyond the tolerance. */
    Degraded,
    /** Answers differ (with answersMustMatch) or the candidate errs. */
    Failing,
    /** Not enough evidence yet for a latency verdict. */
    Inconclusive
}
