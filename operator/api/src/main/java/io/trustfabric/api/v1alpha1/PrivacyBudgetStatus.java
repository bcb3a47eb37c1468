package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.trustfabric.api.common.ConditionedStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The budget ledger, written only by the operator. Conditions: Available, NearLimit, Exhausted.
 * Invariant: consumed + leased + remaining == total.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrivacyBudgetStatus extends ConditionedStatus {

    /** Most live leases one budget holds; a worker that cannot get a lease refuses the query. */
    public static final int MAX_LEASES = 64;

    @JsonPropertyDescription("The current period.")
    private PeriodWindow period;

    @JsonPropertyDescription("Receipt chain epoch of the current period; starts at 1 and grows by one at every reset.")
    private Long epoch;

    @JsonPropertyDescription("Totals of the period before the current one, kept visible after a reset.")
    private PeriodTotals previousPeriod;

    @JsonPropertyDescription("The period's ledger in integer micro-epsilon (1 epsilon = 1,000,000).")
    private MicroEpsilonLedger microEpsilon;

    @Size(max = MAX_LEASES)
    @JsonPropertyDescription("Live leases: budget granted to worker pods and not yet returned or expired.")
    private List<BudgetLease> leases = new ArrayList<>();

    @JsonPropertyDescription("Receipts signed against this budget in the current period.")
    private ReceiptSummary receipts;

    public PeriodWindow getPeriod() { return period; }
    public void setPeriod(PeriodWindow period) { this.period = period; }
    public Long getEpoch() { return epoch; }
    public void setEpoch(Long epoch) { this.epoch = epoch; }
    public PeriodTotals getPreviousPeriod() { return previousPeriod; }
    public void setPreviousPeriod(PeriodTotals previousPeriod) { this.previousPeriod = previousPeriod; }
    public MicroEpsilonLedger getMicroEpsilon() { return microEpsilon; }
    public void setMicroEpsilon(MicroEpsilonLedger microEpsilon) { this.microEpsilon = microEpsilon; }
    public List<BudgetLease> getLeases() { return leases; }
    public void setLeases(List<BudgetLease> leases) { this.leases = leases; }
    public ReceiptSummary getReceipts() { return receipts; }
    public void setReceipts(ReceiptSummary receipts) { this.receipts = receipts; }
}
