package io.trustfabric.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.TenantStatus;
import io.trustfabric.api.v1alpha1.WorkerStatus;
import io.trustfabric.operator.status.StatusAggregator.StatusUpdate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class StatusAggregatorTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final StatusAggregator aggregator = new StatusAggregator(clock);

    @Test
    void newConditionGetsTransitionTimeGenerationAndIsAChange() {
        StatusUpdate<TenantStatus> update = aggregator.begin(null, TenantStatus::new);
        update.set("Ready", Condition.FALSE, "WorkersNotReady", "waiting", 3L).observedGeneration(3L);

        Condition ready = update.status().condition("Ready").orElseThrow();
        assertThat(ready.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(ready.getObservedGeneration()).isEqualTo(3L);
        assertThat(update.status().getObservedGeneration()).isEqualTo(3L);
        assertThat(update.changed()).isTrue();
        assertThat(update.transitions()).singleElement().satisfies(t -> {
            assertThat(t.previous()).isNull();
            assertThat(t.statusChanged()).isTrue();
        });
    }

    @Test
    void sameConditionAgainIsNoChangeAndKeepsTransitionTime() {
        TenantStatus current = statusWith(Condition.TRUE, "WorkersAvailable", "serving");
        clock.advanceSeconds(600);

        StatusUpdate<TenantStatus> update = aggregator.begin(current, TenantStatus::new);
        update.set("Ready", Condition.TRUE, "WorkersAvailable", "serving", 1L).observedGeneration(1L);

        assertThat(update.changed()).isFalse();
        assertThat(update.transitions()).isEmpty();
        assertThat(update.status().condition("Ready").orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void newMessageOrReasonDoesNotMoveTransitionTimeButIsPatched() {
        TenantStatus current = statusWith(Condition.FALSE, "DatasetSecretNotFound", "Secret a missing");
        clock.advanceSeconds(60);

        StatusUpdate<TenantStatus> update = aggregator.begin(current, TenantStatus::new);
        update.set("Ready", Condition.FALSE, "UnknownWorkerPool", "pool gold unknown", 1L);

        Condition ready = update.status().condition("Ready").orElseThrow();
        assertThat(ready.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(ready.getReason()).isEqualTo("UnknownWorkerPool");
        assertThat(update.changed()).isTrue();
        assertThat(update.transitions()).singleElement().satisfies(t -> assertThat(t.statusChanged()).isFalse());
    }

    @Test
    void messageOnlyChangeIsPatchedWithoutTransition() {
        TenantStatus current = statusWith(Condition.FALSE, "ReplicasUnavailable", "0 of 2");
        StatusUpdate<TenantStatus> update = aggregator.begin(current, TenantStatus::new);
        update.set("Ready", Condition.FALSE, "ReplicasUnavailable", "1 of 2", 1L);

        assertThat(update.changed()).isTrue();
        assertThat(update.transitions()).isEmpty();
    }

    @Test
    void statusChangeMovesTransitionTime() {
        TenantStatus current = statusWith(Condition.FALSE, "WorkersNotReady", "waiting");
        clock.advanceSeconds(90);

        StatusUpdate<TenantStatus> update = aggregator.begin(current, TenantStatus::new);
        update.set("Ready", Condition.TRUE, "WorkersAvailable", "serving", 2L);

        assertThat(update.status().condition("Ready").orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-01-01T10:01:30Z");
        assertThat(update.transitions()).singleElement().satisfies(t -> {
            assertThat(t.becameTrue()).isTrue();
            assertThat(t.previous().getStatus()).isEqualTo(Condition.FALSE);
        });
    }

    @Test
    void updateNeverMutatesTheCurrentStatus() {
        TenantStatus current = statusWith(Condition.FALSE, "WorkersNotReady", "waiting");
        StatusUpdate<TenantStatus> update = aggregator.begin(current, TenantStatus::new);
        update.set("Ready", Condition.TRUE, "WorkersAvailable", "serving", 2L);
        update.status().setWorkers(new WorkerStatus(2, 2));

        assertThat(current.condition("Ready").orElseThrow().getStatus()).isEqualTo(Condition.FALSE);
        assertThat(current.getWorkers()).isNull();
    }

    @Test
    void nonConditionFieldChangeIsDetected() {
        TenantStatus current = statusWith(Condition.TRUE, "WorkersAvailable", "serving");
        StatusUpdate<TenantStatus> update = aggregator.begin(current, TenantStatus::new);
        update.status().setEndpoint("http://other");
        assertThat(update.changed()).isTrue();
    }

    private TenantStatus statusWith(String status, String reason, String message) {
        StatusUpdate<TenantStatus> update = aggregator.begin(null, TenantStatus::new);
        update.set("Ready", status, reason, message, 1L).observedGeneration(1L);
        return update.status();
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
