package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Budget granted to one worker pod for a limited time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BudgetLease {

    @JsonPropertyDescription("Lease identifier; receipts signed under the lease chain to it.")
    private String id;

    @JsonPropertyDescription("Name of the worker pod holding the lease.")
    private String holder;

    @JsonPropertyDescription("Micro-epsilon granted by the lease.")
    private Long microEpsilon;

    @JsonPropertyDescription("Micro-epsilon the holder last reported spent from the lease.")
    private Long spent;

    @JsonPropertyDescription("RFC 3339 time the lease ends; unspent budget of an unreturned lease is lost, never reused.")
    private String expires;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getHolder() { return holder; }
    public void setHolder(String holder) { this.holder = holder; }
    public Long getMicroEpsilon() { return microEpsilon; }
    public void setMicroEpsilon(Long microEpsilon) { this.microEpsilon = microEpsilon; }
    public Long getSpent() { return spent; }
    public void setSpent(Long spent) { this.spent = spent; }
    public String getExpires() { return expires; }
    public void setExpires(String expires) { this.expires = expires; }
}
