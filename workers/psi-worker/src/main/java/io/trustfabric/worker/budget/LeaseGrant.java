package io.trustfabric.worker.budget;

import io.trustfabric.psi.protocol.PsiMode;
import java.time.Instant;
import java.util.Map;

/**
 * A lease the operator granted (docs/control-api.md, "Ask for a lease"). Amounts in micro-epsilon.
 *
 * @param flatCost           cost of one query by mode; a mode missing here is not priced and is refused
 * @param remainingMicroEpsilon what the budget had left to grant after this lease
 */
public record LeaseGrant(
        String leaseId,
        String budget,
        String partner,
        long grantedMicroEpsilon,
        Instant expires,
        Instant periodEnd,
        long epoch,
        long remainingMicroEpsilon,
        Map<PsiMode, Long> flatCost,
        long perElementMicroEpsilon,
        long spendMarginSeconds) {

    public LeaseGrant {
        flatCost = Map.copyOf(flatCost);
        if (grantedMicroEpsilon < 0 || remainingMicroEpsilon < 0 || perElementMicroEpsilon < 0 || spendMarginSeconds < 0) {
            throw new IllegalArgumentException("lease amounts must not be negative");
        }
    }

    /** {@code cost[mode] + perElement × elements}, or -1 if the budget does not price the mode. */
    public long cost(PsiMode mode, long elements) {
        Long flat = flatCost.get(mode);
        if (flat == null) {
            return -1;
        }
        return Math.addExact(flat, Math.multiplyExact(perElementMicroEpsilon, elements));
    }

    /** The last instant this worker may reserve from the lease: the spend margin before {@code expires}. */
    public Instant spendableUntil() {
        return expires.minusSeconds(spendMarginSeconds);
    }
}
