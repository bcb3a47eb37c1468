package io.trustfabric.operator.policy;

import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.status.ConditionTransition;
import java.util.List;

/** Which changes of a TrustPolicy an SRE hears about as Kubernetes Events. */
public final class PolicyEvents {

    public static final String EVENT_COMPILED = "PolicyCompiled";
    public static final String EVENT_WITHDRAWN = "PolicyWithdrawn";

    private final EventPublisher publisher;

    public PolicyEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(TrustPolicy policy, List<ConditionTransition> transitions) {
        for (ConditionTransition transition : transitions) {
            Condition now = transition.current();
            if (!now.isTrue()) {
                publisher.publish(policy, EventPublisher.WARNING, now.getReason(), now.getMessage());
            }
        }
    }

    public void compiled(TrustPolicy policy, long revision, List<String> changes) {
        String summary = changes.isEmpty() ? "" : ": " + String.join("; ", changes.subList(0, Math.min(5, changes.size())))
                + (changes.size() > 5 ? "; ..." : "");
        publisher.publish(policy, EventPublisher.NORMAL, EVENT_COMPILED, "Revision " + revision + " compiled and "
                + "published" + summary);
    }

    public void withdrawn(TrustPolicy policy) {
        publisher.publish(policy, EventPublisher.NORMAL, EVENT_WITHDRAWN, "TrustPolicy deleted: Tenant '"
                + policy.getSpec().getTenantRef() + "' falls back to the default policy (allowed, with a no-policy "
                + "warning on every answer).");
    }
}
