package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A closed budget period as it ended: its window, receipt chain epoch and micro-epsilon totals. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PeriodTotals {

    @JsonPropertyDescription("RFC 3339 start of the period (inclusive).")
    private String start;

    @JsonPropertyDescription("RFC 3339 end of the period (exclusive).")
    private String end;

    @JsonPropertyDescription("Receipt chain epoch of the period.")
    private Long epoch;

    @JsonPropertyDescription("The period's grant in micro-epsilon.")
    private Long total;

    @JsonPropertyDescription("Micro-epsilon consumed in the period, including leases still open when it ended (counted in full).")
    private Long consumed;

    @JsonPropertyDescription("Receipts signed in the period.")
    private Long receipts;

    public String getStart() { return start; }
    public void setStart(String start) { this.start = start; }
    public String getEnd() { return end; }
    public void setEnd(String end) { this.end = end; }
    public Long getEpoch() { return epoch; }
    public void setEpoch(Long epoch) { this.epoch = epoch; }
    public Long getTotal() { return total; }
    public void setTotal(Long total) { this.total = total; }
    public Long getConsumed() { return consumed; }
    public void setConsumed(Long consumed) { this.consumed = consumed; }
    public Long getReceipts() { return receipts; }
    public void setReceipts(Long receipts) { this.receipts = receipts; }
}
