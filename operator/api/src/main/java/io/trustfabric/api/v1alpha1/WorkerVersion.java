package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One lane of a canary: a worker image. */
public class WorkerVersion {

    @Required
    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Worker container image, e.g. trust-fabric-worker:1.4.0-rc1.")
    private String image;

    public WorkerVersion() {
    }

    public WorkerVersion(String image) {
        this.image = image;
    }

    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
}
