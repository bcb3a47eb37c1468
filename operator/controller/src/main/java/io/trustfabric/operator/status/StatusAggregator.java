package io.trustfabric.operator.status;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.common.ConditionedStatus;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place through which every condition of a trustfabric.io status changes.
 * <p>
 * An update starts from a copy of the current status, so the current one stays untouched and
 * {@link StatusUpdate#changed()} can tell whether a patch is needed at all. A condition's
 * lastTransitionTime moves only when its status changes, never for a new reason or message.
 */
public final class StatusAggregator {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Clock clock;

    public StatusAggregator(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * @param current    the status as the API server has it (may be null for a new resource)
     * @param emptyStatus creates a status when there is none yet
     */
    public <S extends ConditionedStatus> StatusUpdate<S> begin(S current, Supplier<S> emptyStatus) {
        @SuppressWarnings("unchecked")
        S draft = current == null ? emptyStatus.get() : (S) MAPPER.convertValue(current, current.getClass());
        return new StatusUpdate<>(current, draft, clock);
    }

    /** A status being rebuilt during one reconciliation. */
    public static final class StatusUpdate<S extends ConditionedStatus> {
        private final S original;
        private final S draft;
        private final Clock clock;
        private final List<ConditionTransition> transitions = new ArrayList<>();

        private StatusUpdate(S original, S draft, Clock clock) {
            this.original = original;
            this.draft = draft;
            this.clock = clock;
        }

        /** The new status; fill fields other than conditions on it directly. */
        public S status() {
            return draft;
        }

        public StatusUpdate<S> observedGeneration(Long generation) {
            draft.setObservedGeneration(generation);
            return this;
        }

        /**
         * Sets a condition. Records a transition when it is new or its status or reason changed.
         *
         * @param generation the metadata.generation the condition was computed from
         */
        public StatusUpdate<S> set(String type, String status, String reason, String message, Long generation) {
            Optional<Condition> existing = draft.condition(type);
            Condition before = existing.map(StatusUpdate::copy).orElse(null);
            Condition condition = existing.orElseGet(() -> {
                Condition created = new Condition();
                created.setType(type);
                draft.getConditions().add(created);
                return created;
            });
            if (before == null || !Objects.equals(before.getStatus(), status)) {
                condition.setLastTransitionTime(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
            }
            condition.setStatus(status);
            condition.setReason(reason);
            condition.setMessage(message);
            condition.setObservedGeneration(generation);
            if (before == null || !Objects.equals(before.getStatus(), status)
                    || !Objects.equals(before.getReason(), reason)) {
                transitions.add(new ConditionTransition(before, copy(condition)));
            }
            return this;
        }

        public List<ConditionTransition> transitions() {
            return List.copyOf(transitions);
        }

        /** True when the new status differs from the one the update started from. */
        public boolean changed() {
            if (original == null) {
                return true;
            }
            JsonNode before = MAPPER.valueToTree(original);
            JsonNode after = MAPPER.valueToTree(draft);
            return !before.equals(after);
        }

        private static Condition copy(Condition c) {
            return MAPPER.convertValue(c, Condition.class);
        }
    }
}
