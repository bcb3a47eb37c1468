package io.trustfabric.operator.allowlist;

import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.status.ConditionTransition;
import java.util.List;

/** Decides which changes of a PartnerAllowlist an SRE hears about as Kubernetes Events. */
public final class AllowlistEvents {

    public static final String EVENT_APPLIED = "AllowlistApplied";
    public static final String EVENT_PARTNER_EXPIRED = "PartnerExpired";

    private final EventPublisher publisher;

    public AllowlistEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(PartnerAllowlist allowlist, List<ConditionTransition> transitions) {
        transitions.forEach(t -> publish(allowlist, t));
    }

    /** One Event per partner that expired since the last reconciliation. */
    public void partnerExpired(PartnerAllowlist allowlist, PartnerVerdict expired) {
        publisher.publish(allowlist, EventPublisher.WARNING, EVENT_PARTNER_EXPIRED, expired.message());
    }

    private void publish(PartnerAllowlist allowlist, ConditionTransition transition) {
        Condition now = transition.current();
        switch (transition.type()) {
            case AllowlistConditions.READY -> {
                if (transition.becameTrue()) {
                    publisher.publish(allowlist, EventPublisher.NORMAL, EVENT_APPLIED, now.getMessage());
                } else if (AllowlistConditions.REASON_TENANT_NOT_FOUND.equals(now.getReason())) {
                    publisher.publish(allowlist, EventPublisher.WARNING, now.getReason(), now.getMessage());
                }
            }
            case AllowlistConditions.CREDENTIALS_RESOLVED, AllowlistConditions.PARTNERS_UNIQUE -> {
                if (!now.isTrue()) {
                    publisher.publish(allowlist, EventPublisher.WARNING, now.getReason(), now.getMessage());
                }
            }
            default -> {
            }
        }
    }
}
