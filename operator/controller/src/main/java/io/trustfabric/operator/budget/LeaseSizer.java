package io.trustfabric.operator.budget;

import java.time.Duration;
import java.util.Optional;

/**
 * How much a new lease grants: enough for the query in hand and for about {@link #HORIZON} of the partner's recent
 * spend, at least the largest flat query cost, at most a tenth of the period (so one busy worker cannot hold the
 * whole budget), never more than remains.
 */
public final class LeaseSizer {

    public static final Duration HORIZON = Duration.ofSeconds(30);
    public static final long MAX_SHARE_DIVISOR = 10;

    private LeaseSizer() {
    }

    /**
     * @param request what the worker asked for (the query in hand), or null
     * @return the grant, or empty when what remains cannot fund the request (without one: the cheapest query)
     */
    public static Optional<Long> size(Long request, long recentSpend, BudgetCosts costs, long total, long remaining) {
        long floor = costs.largest();
        long cap = Math.max(floor, total / MAX_SHARE_DIVISOR);
        long adaptive = Math.min(Math.max(recentSpend, floor), cap);
        long wanted = request == null ? adaptive : Math.max(request, adaptive);
        long needed = request == null ? costs.cheapest() : request;
        if (remaining <= 0 || needed > remaining) {
            return Optional.empty();
        }
        return Optional.of(Math.min(wanted, remaining));
    }
}
