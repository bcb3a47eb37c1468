package io.trustfabric.operator.status;

import io.trustfabric.api.common.Condition;
import java.util.Objects;

/**
 * A condition that appeared or changed its status or reason during one status update.
 *
 * @param previous the condition before the update, or null when it is new
 * @param current  the condition after the update
 */
public record ConditionTransition(Condition previous, Condition current) {

    public String type() {
        return current.getType();
    }

    /** True when the status (True/False/Unknown) changed or the condition is new. */
    public boolean statusChanged() {
        return previous == null || !Objects.equals(previous.getStatus(), current.getStatus());
    }

    public boolean becameTrue() {
        return statusChanged() && current.isTrue();
    }

    public boolean becameFalseFromTrue() {
        return previous != null && previous.isTrue() && Condition.FALSE.equals(current.getStatus());
    }
}
