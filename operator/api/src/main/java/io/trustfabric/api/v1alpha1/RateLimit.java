package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A token bucket: a sustained rate and a burst. */
@ValidationRule(value = "!has(self.burst) || self.burst >= self.requestsPerSecond", message = "burst must be at least requestsPerSecond")
public class RateLimit {
    @Required
    @Min(1)
    @Max(100000)
    @JsonPropertyDescription("Sustained requests per second.")
    private Integer requestsPerSecond;

    @Min(1)
    @Max(1000000)
    @JsonPropertyDescription("Largest burst of requests above the sustained rate; defaults to requestsPerSecond.")
    private Integer burst;

    public RateLimit() {
    }

    public RateLimit(Integer requestsPerSecond, Integer burst) {
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
    }

    public Integer getRequestsPerSecond() { return requestsPerSecond; }
    public void setRequestsPerSecond(Integer requestsPerSecond) { this.requestsPerSecond = requestsPerSecond; }
    public Integer getBurst() { return burst; }
    public void setBurst(Integer burst) { this.burst = burst; }
}
