package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerSpec {

    @Min(0)
    @Max(100)
    @Default("1")
    @JsonPropertyDescription("Number of PSI worker pods. 0 stops the workers (WorkersAvailable becomes False).")
    private Integer replicas = 1;

    @Default("dedicated")
    @Pattern("^(dedicated|shared|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$")
    @JsonPropertyDescription("'dedicated' runs workers for this tenant only; 'shared' or a pool name schedules it on a shared pool with weighted fair sharing.")
    private String pool = "dedicated";

    @JsonPropertyDescription("Worker container image; defaults to the operator's configured worker image.")
    private String image;

    @SchemaFrom(type = ResourceRequirementsSchema.class)
    @JsonPropertyDescription("CPU and memory requests and limits of each worker container.")
    private ResourceRequirements resources;

    @Min(1)
    @Max(1000000)
    @Default("10000")
    @JsonPropertyDescription("Largest client set a partner may send in one request; larger requests get 413.")
    private Integer maxClientSetSize = 10000;

    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public String getPool() { return pool; }
    public void setPool(String pool) { this.pool = pool; }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }
    public Integer getMaxClientSetSize() { return maxClientSetSize; }
    public void setMaxClientSetSize(Integer maxClientSetSize) { this.maxClientSetSize = maxClientSetSize; }
}
