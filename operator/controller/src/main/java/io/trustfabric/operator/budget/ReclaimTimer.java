package io.trustfabric.operator.budget;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.timer.TimerEventSource;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the {@link PrivacyBudgetReconciler} for a budget when its next lease falls due for reclaim (expires + the
 * grace). Lease calls write status, which does not trigger the (generation-aware) reconciler, so without this a lease
 * granted after the reconciler's last run would only be reclaimed at its next routine check, up to
 * {@link PrivacyBudgetReconciler#MAX_REQUEUE} later, when its worker froze and nothing else called.
 */
public final class ReclaimTimer implements BudgetStore.Wakeup {

    private static final Logger LOG = LoggerFactory.getLogger(ReclaimTimer.class);
    /** Past the due moment, so the reclaim is certain to be due when the reconcile reads the clock. */
    static final Duration AFTER_DUE = Duration.ofMillis(100);

    private final TimerEventSource<PrivacyBudget> timer = new TimerEventSource<>();
    private final Clock clock;

    public ReclaimTimer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void at(String namespace, String name, Instant due) {
        long delay = Math.max(AFTER_DUE.toMillis(), Duration.between(clock.instant(), due).plus(AFTER_DUE).toMillis());
        try {
            // replaces an earlier wake-up of the same budget: the due moment only moves with the leases
            timer.scheduleOnce(new ResourceID(name, namespace), delay);
        } catch (IllegalStateException notRunning) {
            // not started (or stopped: not the leader); the reconciler's own requeue still covers the budget
            LOG.debug("PrivacyBudget {}/{}: reclaim timer not running, wake-up at {} skipped", namespace, name, due);
        }
    }

    /** The event source to register with the PrivacyBudget controller. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    EventSource<?, PrivacyBudget> eventSource() {
        return (EventSource) timer;
    }
}
