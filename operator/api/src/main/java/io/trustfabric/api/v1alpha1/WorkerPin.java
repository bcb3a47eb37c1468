package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** A candidate worker version or configuration, started next to the current workers for the replay. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.image) || (has(self.env) && size(self.env) > 0)",
        message = "workerPin must set image or env")
public class WorkerPin {

    /** The most environment variables a candidate may set. */
    public static final int MAX_ENV = 20;

    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Worker container image to pin, e.g. trust-fabric-worker:1.4.0-rc1; omit to keep the current image and change only env. Local mode runs this build's worker for every image.")
    private String image;

    @ValidationRule(value = "size(self) <= " + MAX_ENV, message = "env sets at most " + MAX_ENV + " variables")
    @ValidationRule(value = "self.all(k, k.matches('^TF_[A-Z0-9_]{1,60}$'))",
            message = "env names must be worker settings: TF_ followed by capitals, digits and _")
    @JsonPropertyDescription("Worker settings (TF_* environment variables, see the worker configuration) the candidate runs with on top of the current ones, e.g. TF_COMPUTE_THREADS=1.")
    private Map<String, String> env = new LinkedHashMap<>();

    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public Map<String, String> getEnv() { return env; }
    public void setEnv(Map<String, String> env) { this.env = env; }
}
