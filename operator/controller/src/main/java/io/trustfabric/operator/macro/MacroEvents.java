package io.trustfabric.operator.macro;

import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.status.ConditionTransition;
import java.util.List;

/** Which changes of a PolicyMacro an SRE hears about as Kubernetes Events. */
public final class MacroEvents {

    public static final String EVENT_ACCEPTED = "MacroAccepted";

    private final EventPublisher publisher;

    public MacroEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(PolicyMacro macro, List<ConditionTransition> transitions) {
        for (ConditionTransition transition : transitions) {
            Condition now = transition.current();
            if (!MacroConditions.ACCEPTED.equals(transition.type())) {
                continue;
            }
            if (transition.becameTrue()) {
                publisher.publish(macro, EventPublisher.NORMAL, EVENT_ACCEPTED, now.getMessage());
            } else if (!now.isTrue()) {
                publisher.publish(macro, EventPublisher.WARNING, now.getReason(), now.getMessage());
            }
        }
    }

    public void inUse(PolicyMacro macro, String message) {
        publisher.publish(macro, EventPublisher.WARNING, MacroConditions.REASON_IN_USE, message);
    }

    public void restored(PolicyMacro macro, String message) {
        publisher.publish(macro, EventPublisher.WARNING, MacroConditions.REASON_BUILT_IN_RESTORED, message);
    }
}
