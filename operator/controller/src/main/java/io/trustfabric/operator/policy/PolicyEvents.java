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
    public static final String EVENT_IMPACT = "PolicyImpact";

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

    /**
     * "Revision N (sha256:...) compiled and published: changes": the revision and its bundle digest, so that
     * {@code tfctl policy history} finds the Events of each revision.
     */
    public void compiled(TrustPolicy policy, long revision, String digest, List<String> changes, Long revertOf) {
        String summary = changes.isEmpty() ? "" : ": " + String.join("; ", changes.subList(0, Math.min(5, changes.size())))
                + (changes.size() > 5 ? "; ..." : "");
        publisher.publish(policy, EventPublisher.NORMAL, EVENT_COMPILED, revisionName(revision, digest)
                + " compiled and published" + (revertOf == null ? "" : " (reverts revision " + revertOf + ")") + summary);
    }

    /** The impact of a revision on the tenant's recorded decisions, once replayed (or why it is unknown). */
    public void impact(TrustPolicy policy, long revision, String digest, String impact) {
        publisher.publish(policy, EventPublisher.NORMAL, EVENT_IMPACT, revisionName(revision, digest) + " impact: "
                + impact);
    }

    /** How an Event names a revision: "Revision 3 (sha256:...)". */
    public static String revisionName(long revision, String digest) {
        return "Revision " + revision + (digest == null ? "" : " (" + digest + ")");
    }

    public void withdrawn(TrustPolicy policy) {
        publisher.publish(policy, EventPublisher.NORMAL, EVENT_WITHDRAWN, "TrustPolicy deleted: Tenant '"
                + policy.getSpec().getTenantRef() + "' falls back to the default policy (allowed, with a no-policy "
                + "warning on every answer).");
    }
}
