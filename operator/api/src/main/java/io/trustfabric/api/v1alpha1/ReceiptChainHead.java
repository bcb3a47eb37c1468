package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The newest receipt of one lease's hash chain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReceiptChainHead {

    @JsonPropertyDescription("Id of the lease whose receipts form this chain.")
    private String lease;

    @JsonPropertyDescription("Hash of the newest receipt in the chain, e.g. sha256:9f...")
    private String hash;

    @JsonPropertyDescription("Receipts in the chain.")
    private Long length;

    public ReceiptChainHead() {
    }

    public ReceiptChainHead(String lease, String hash, Long length) {
        this.lease = lease;
        this.hash = hash;
        this.length = length;
    }

    public String getLease() { return lease; }
    public void setLease(String lease) { this.lease = lease; }
    public String getHash() { return hash; }
    public void setHash(String hash) { this.hash = hash; }
    public Long getLength() { return length; }
    public void setLength(Long length) { this.length = length; }
}
