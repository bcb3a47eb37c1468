package io.trustfabric.operator.budget;

import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.operator.events.EventPublisher;
import io.trustfabric.operator.status.ConditionTransition;
import java.util.List;

/** Which changes of a PrivacyBudget an SRE hears about as Kubernetes Events; each is published once, after it is stored. */
public class BudgetEvents {

    public static final String EVENT_NEAR_LIMIT = "BudgetNearLimit";
    public static final String EVENT_EXHAUSTED = "BudgetExhausted";
    public static final String EVENT_AVAILABLE_AGAIN = "BudgetAvailable";
    public static final String EVENT_PERIOD_RESET = "BudgetPeriodReset";
    public static final String EVENT_LEASE_RECLAIMED = "LeaseReclaimed";
    public static final String EVENT_INVALID = "InvalidSpec";

    private final EventPublisher publisher;

    public BudgetEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(PrivacyBudget budget, BudgetChange change) {
        change.transitions().forEach(t -> publish(budget, t));
        if (change.periodReset()) {
            publisher.publish(budget, EventPublisher.NORMAL, EVENT_PERIOD_RESET, "A new period began ("
                    + budget.getStatus().getPeriod().getStart() + " to " + budget.getStatus().getPeriod().getEnd()
                    + ", receipt chain epoch " + budget.getStatus().getEpoch() + "); the previous period's totals"
                    + " are in status.previousPeriod.");
        }
        for (String lease : change.reclaimedLeases()) {
            publisher.publish(budget, EventPublisher.WARNING, EVENT_LEASE_RECLAIMED, "Lease " + lease
                    + " expired without being released; its whole grant is counted as consumed.");
        }
    }

    private void publish(PrivacyBudget budget, ConditionTransition transition) {
        Condition now = transition.current();
        switch (transition.type()) {
            case BudgetConditions.NEAR_LIMIT -> {
                if (now.isTrue()) {
                    publisher.publish(budget, EventPublisher.WARNING, EVENT_NEAR_LIMIT, now.getMessage());
                }
            }
            case BudgetConditions.EXHAUSTED -> {
                if (transition.becameTrue()) {
                    publisher.publish(budget, EventPublisher.WARNING, EVENT_EXHAUSTED, now.getMessage());
                } else if (transition.becameFalseFromTrue()) {
                    publisher.publish(budget, EventPublisher.NORMAL, EVENT_AVAILABLE_AGAIN, now.getMessage());
                }
            }
            case BudgetConditions.AVAILABLE -> {
                if (BudgetConditions.REASON_INVALID_SPEC.equals(now.getReason())) {
                    publisher.publish(budget, EventPublisher.WARNING, EVENT_INVALID, now.getMessage());
                }
            }
            default -> {
            }
        }
    }

    /** What one stored status change did, for events. */
    public record BudgetChange(List<ConditionTransition> transitions, boolean periodReset, List<String> reclaimedLeases) {
    }
}
