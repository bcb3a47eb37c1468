package io.trustfabric.operator.tenant;

import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.status.ConditionTransition;
import java.util.List;

/** Decides which condition transitions of a Tenant an SRE hears about as Kubernetes Events. */
public final class TenantEvents {

    public static final String EVENT_READY = "TenantReady";
    public static final String EVENT_WORKERS_LOST = "WorkersUnavailable";
    public static final String EVENT_PAUSED = "ReconciliationPaused";
    public static final String EVENT_RESUMED = "ReconciliationResumed";

    private final EventPublisher publisher;

    public TenantEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(Tenant tenant, List<ConditionTransition> transitions) {
        transitions.forEach(t -> publish(tenant, t));
    }

    private void publish(Tenant tenant, ConditionTransition transition) {
        Condition now = transition.current();
        switch (transition.type()) {
            case TenantConditions.READY -> {
                if (transition.becameTrue()) {
                    publisher.publish(tenant, EventPublisher.NORMAL, EVENT_READY, now.getMessage());
                } else if (!now.isTrue() && !TenantConditions.REASON_WORKERS_NOT_READY.equals(now.getReason())) {
                    publisher.publish(tenant, EventPublisher.WARNING, now.getReason(), now.getMessage());
                }
            }
            case TenantConditions.WORKERS_AVAILABLE -> {
                if (transition.becameFalseFromTrue()) {
                    publisher.publish(tenant, EventPublisher.WARNING, EVENT_WORKERS_LOST, now.getMessage());
                }
            }
            case TenantConditions.POLICY_READY -> {
                if (!now.isTrue() && transition.statusChanged()) {
                    publisher.publish(tenant, EventPublisher.WARNING, now.getReason(), now.getMessage());
                }
            }
            case TenantConditions.PAUSED -> {
                if (transition.becameTrue()) {
                    publisher.publish(tenant, EventPublisher.NORMAL, EVENT_PAUSED, now.getMessage());
                } else if (transition.previous() != null && transition.statusChanged()) {
                    publisher.publish(tenant, EventPublisher.NORMAL, EVENT_RESUMED, now.getMessage());
                }
            }
            default -> {
            }
        }
    }
}
