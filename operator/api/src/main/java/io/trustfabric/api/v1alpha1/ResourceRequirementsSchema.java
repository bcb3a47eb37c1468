package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * The schema (only) of WorkerSpec.resources: Kubernetes' ResourceRequirements carries no descriptions, so
 * kubectl explain would show nothing. The Java field keeps the Kubernetes type.
 */
public final class ResourceRequirementsSchema {

    @JsonPropertyDescription("Minimum CPU and memory reserved for each worker container, e.g. cpu: \"1\", memory: 1Gi.")
    public Map<String, Quantity> requests;

    @JsonPropertyDescription("Maximum CPU and memory each worker container may use, e.g. memory: 2Gi.")
    public Map<String, Quantity> limits;

    private ResourceRequirementsSchema() {
    }
}
