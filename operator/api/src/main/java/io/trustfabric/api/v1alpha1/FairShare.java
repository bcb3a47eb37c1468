package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public class FairShare {
    @Min(1)
    @Max(1000)
    @Default("1")
    @JsonPropertyDescription("Relative weight of this tenant on a shared pool: under saturation throughput is split in proportion to weights.")
    private Integer weight = 1;

    public Integer getWeight() { return weight; }
    public void setWeight(Integer weight) { this.weight = weight; }
}
