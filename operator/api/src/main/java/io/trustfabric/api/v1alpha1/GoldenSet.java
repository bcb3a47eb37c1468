package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Golden queries of a what-if replay: client sets generated from a seed, a share of each drawn from the tenant's own
 * items (read by the operator, never written anywhere) so the answers are not all empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GoldenSet {

    @Default("1")
    @JsonPropertyDescription("Seed of the generator: the same seed gives the same queries.")
    private Long seed = 1L;

    @Min(1)
    @Max(1000)
    @Default("20")
    @JsonPropertyDescription("Golden queries sent to each side.")
    private Integer queries = 20;

    @Min(1)
    @Max(100000)
    @Default("256")
    @JsonPropertyDescription("Items in each golden query's client set.")
    private Integer clientSetSize = 256;

    @Min(0)
    @Max(100)
    @Default("50")
    @JsonPropertyDescription("Percent of each client set drawn from the tenant's current items; the rest are synthetic items no data set holds.")
    private Integer matchPercent = 50;

    public Long getSeed() { return seed; }
    public void setSeed(Long seed) { this.seed = seed; }
    public Integer getQueries() { return queries; }
    public void setQueries(Integer queries) { this.queries = queries; }
    public Integer getClientSetSize() { return clientSetSize; }
    public void setClientSetSize(Integer clientSetSize) { this.clientSetSize = clientSetSize; }
    public Integer getMatchPercent() { return matchPercent; }
    public void setMatchPercent(Integer matchPercent) { this.matchPercent = matchPercent; }
}
