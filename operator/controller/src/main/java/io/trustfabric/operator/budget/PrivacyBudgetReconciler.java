package io.trustfabric.operator.budget;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.trustfabric.api.v1alpha1.PrivacyBudgetStatus;
import io.trustfabric.operator.reading.UnreadableObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a PrivacyBudget's status current when no worker calls: starts the first period, resets at the period end,
 * forfeits leases past expiry plus the grace, applies a changed spec, sets conditions and gauges.
 * <p>
 * It writes status only through the {@link BudgetStore} (resourceVersion-guarded, serialized with lease calls), never
 * through UpdateControl, which could overwrite a lease granted in between. Status writes do not trigger it
 * (generation-aware); it requeues itself at the next moment something falls due, and the {@link ReclaimTimer} wakes
 * it when a lease granted or renewed since falls due for reclaim.
 */
@ControllerConfiguration(name = PrivacyBudgetReconciler.NAME)
public class PrivacyBudgetReconciler implements Reconciler<PrivacyBudget> {

    public static final String NAME = "privacybudget";
    /** Re-check at least this often (gauges, a clock that jumped). */
    public static final Duration MAX_REQUEUE = Duration.ofMinutes(5);
    public static final Duration INVALID_RECHECK = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(PrivacyBudgetReconciler.class);

    private final BudgetStore store;
    private final Clock clock;
    private final ReclaimTimer reclaims;
    private final UnreadableObjects unreadable;

    /** Without a reclaim timer (tests): leases are reclaimed on lease calls and at the reconciler's own requeues. */
    public PrivacyBudgetReconciler(BudgetStore store, Clock clock) {
        this(store, clock, null);
    }

    /** @param reclaims the timer the {@link BudgetStore} was given, so leases granted in between wake this reconciler */
    public PrivacyBudgetReconciler(BudgetStore store, Clock clock, ReclaimTimer reclaims) {
        this(store, clock, reclaims, null);
    }

    /**
     * @param unreadable reports a budget the operator could not read whole (its status then goes through
     *                   UpdateControl: no lease is granted on such a budget); null: not checked (unit tests)
     */
    public PrivacyBudgetReconciler(BudgetStore store, Clock clock, ReclaimTimer reclaims,
                                   UnreadableObjects unreadable) {
        this.unreadable = unreadable;
        this.store = store;
        this.clock = clock;
        this.reclaims = reclaims;
    }

    @Override
    public List<EventSource<?, PrivacyBudget>> prepareEventSources(EventSourceContext<PrivacyBudget> context) {
        return reclaims == null ? List.of() : List.of(reclaims.eventSource());
    }

    @Override
    public UpdateControl<PrivacyBudget> reconcile(PrivacyBudget budget, Context<PrivacyBudget> context) {
        if (unreadable != null) {
            var stop = unreadable.stopIfUnreadable(budget, context, PrivacyBudgetStatus::new,
                    BudgetConditions.AVAILABLE);
            if (stop.isPresent()) {
                return stop.get();
            }
        }
        String namespace = budget.getMetadata().getNamespace();
        String name = budget.getMetadata().getName();
        try {
            Instant due = store.update(namespace, name, PrivacyBudgetReconciler::nextDue);
            return UpdateControl.<PrivacyBudget>noUpdate().rescheduleAfter(delayUntil(due));
        } catch (LeaseRefusal refused) {
            if (refused.type().equals("no-budget")) {
                return UpdateControl.noUpdate();
            }
            LOG.info("PrivacyBudget {}/{}: {}", namespace, name, refused.getMessage());
            return UpdateControl.<PrivacyBudget>noUpdate().rescheduleAfter(
                    refused.type().equals("invalid-budget") ? INVALID_RECHECK : Duration.ofSeconds(1));
        }
    }

    /** The earliest of the period end and the moment the next lease may be forfeited. */
    static Instant nextDue(BudgetStore.BudgetView view) {
        Instant end = Instant.parse(view.period().getEnd());
        return BudgetStore.nextReclaim(view.ledger()).filter(r -> r.isBefore(end)).orElse(end);
    }

    private Duration delayUntil(Instant due) {
        Duration delay = Duration.between(clock.instant(), due).plusMillis(100);
        if (delay.isNegative() || delay.isZero()) {
            return Duration.ofMillis(100);
        }
        return delay.compareTo(MAX_REQUEUE) > 0 ? MAX_REQUEUE : delay;
    }
}
