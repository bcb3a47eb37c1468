package io.trustfabric.api.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The part every trustfabric.io status shares: observedGeneration and conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ConditionedStatus {

    @JsonPropertyDescription("The metadata.generation the operator last reconciled.")
    private Long observedGeneration;

    /** Conditions are one per type; the bound keeps status small. */
    public static final int MAX_CONDITIONS = 16;

    @Size(max = MAX_CONDITIONS)
    @JsonPropertyDescription("Current state of the resource as Kubernetes conditions; Ready summarises them.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions == null ? new ArrayList<>() : conditions; }

    @JsonIgnore
    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
