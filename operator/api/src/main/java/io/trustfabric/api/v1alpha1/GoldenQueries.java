package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A deterministic set of synthetic queries, run on a schedule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GoldenQueries {

    @Required
    @JsonPropertyDescription("Seed of the generator of client sets; the same seed asks the same queries.")
    private Long seed;

    @Min(1)
    @Max(1000)
    @Default("20")
    @JsonPropertyDescription("Queries per run and lane.")
    private Integer queries = 20;

    @Min(1)
    @Max(1000000)
    @Default("256")
    @JsonPropertyDescription("Items in each synthetic client set.")
    private Integer clientSetSize = 256;

    @Default("5m")
    @Pattern(ApiPatterns.DURATION)
    @Size(max = 32)
    @ValidationRule(value = "self.matches('[1-9]')", message = "goldenQueries.every must be longer than 0")
    @JsonPropertyDescription("Time between runs as a duration, e.g. 1m.")
    private String every = "5m";

    public Long getSeed() { return seed; }
    public void setSeed(Long seed) { this.seed = seed; }
    public Integer getQueries() { return queries; }
    public void setQueries(Integer queries) { this.queries = queries; }
    public Integer getClientSetSize() { return clientSetSize; }
    public void setClientSetSize(Integer clientSetSize) { this.clientSetSize = clientSetSize; }
    public String getEvery() { return every; }
    public void setEvery(String every) { this.every = every; }
}
