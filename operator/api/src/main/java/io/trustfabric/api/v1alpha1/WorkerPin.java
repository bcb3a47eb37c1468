package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A candidate worker version to replay recorded traffic against. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerPin {

    @Required
    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Worker container image to pin, e.g. trust-fabric-worker:1.4.0-rc1.")
    private String image;

    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
}
