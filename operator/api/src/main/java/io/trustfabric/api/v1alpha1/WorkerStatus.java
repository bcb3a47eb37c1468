package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerStatus {
    @JsonPropertyDescription("Replicas the worker Deployment asks for.")
    private Integer desired;

    @JsonPropertyDescription("Replicas that are ready to serve.")
    private Integer ready;

    @JsonPropertyDescription("Key epoch the workers' PSI setup was built for.")
    private Integer keyEpoch;

    public WorkerStatus() {
    }

    public WorkerStatus(Integer desired, Integer ready) {
        this.desired = desired;
        this.ready = ready;
    }

    public Integer getDesired() { return desired; }
    public void setDesired(Integer desired) { this.desired = desired; }
    public Integer getReady() { return ready; }
    public void setReady(Integer ready) { this.ready = ready; }
    public Integer getKeyEpoch() { return keyEpoch; }
    public void setKeyEpoch(Integer keyEpoch) { this.keyEpoch = keyEpoch; }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkerStatus w && Objects.equals(desired, w.desired) && Objects.equals(ready, w.ready)
                && Objects.equals(keyEpoch, w.keyEpoch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(desired, ready, keyEpoch);
    }
}
