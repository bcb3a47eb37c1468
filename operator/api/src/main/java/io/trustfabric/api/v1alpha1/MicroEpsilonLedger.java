package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A period's budget in integer micro-epsilon: total = consumed + leased + remaining. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MicroEpsilonLedger {

    @JsonPropertyDescription("The period's grant: spec.epsilonPerPeriod in micro-epsilon.")
    private Long total;

    @JsonPropertyDescription("Spent by answered queries (backed by receipts) plus leases that ended unreturned.")
    private Long consumed;

    @JsonPropertyDescription("Granted to live worker leases and not yet reported spent.")
    private Long leased;

    @JsonPropertyDescription("Neither consumed nor leased: what may still be granted this period.")
    private Long remaining;

    public MicroEpsilonLedger() {
    }

    public MicroEpsilonLedger(Long total, Long consumed, Long leased, Long remaining) {
        this.total = total;
        this.consumed = consumed;
        this.leased = leased;
        this.remaining = remaining;
    }

    public Long getTotal() { return total; }
    public void setTotal(Long total) { this.total = total; }
    public Long getConsumed() { return consumed; }
    public void setConsumed(Long consumed) { this.consumed = consumed; }
    public Long getLeased() { return leased; }
    public void setLeased(Long leased) { this.leased = leased; }
    public Long getRemaining() { return remaining; }
    public void setRemaining(Long remaining) { this.remaining = remaining; }
}
