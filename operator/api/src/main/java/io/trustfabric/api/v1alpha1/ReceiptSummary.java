package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Counts and chain heads of the signed receipts of a budget's current period. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReceiptSummary {

    /** How many recent receipts status keeps. */
    public static final int MAX_LAST = 10;

    @JsonPropertyDescription("Receipts signed in the current period.")
    private Long count;

    @Size(max = PrivacyBudgetStatus.MAX_LEASES)
    @JsonPropertyDescription("Hash of the newest receipt of each lease's chain; a receipt file verifies against these.")
    private List<ReceiptChainHead> chainHeads = new ArrayList<>();

    @Size(max = MAX_LAST)
    @JsonPropertyDescription("The most recent receipts as compact signed strings, newest first.")
    private List<String> last = new ArrayList<>();

    public Long getCount() { return count; }
    public void setCount(Long count) { this.count = count; }
    public List<ReceiptChainHead> getChainHeads() { return chainHeads; }
    public void setChainHeads(List<ReceiptChainHead> chainHeads) { this.chainHeads = chainHeads; }
    public List<String> getLast() { return last; }
    public void setLast(List<String> last) { this.last = last; }
}
