package io.trustfabric.operator.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.trustfabric.api.v1alpha1.ScenarioSide;
import io.trustfabric.api.v1alpha1.ScenarioSummary;
import io.trustfabric.api.v1alpha1.ScenarioTemplate;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.operator.policy.decisions.TenantRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScenarioRunsTest {

    private final List<ResourceID> woken = new CopyOnWriteArrayList<>();
    private final Map<ResourceID, Long> generations = new ConcurrentHashMap<>();
    private final List<TenantRef> finished = new CopyOnWriteArrayList<>();
    private final ScenarioRuns runs = new ScenarioRuns(1, Clock.systemUTC(), (tenant, took) -> finished.add(tenant));

    @AfterEach
    void close() {
        runs.close();
    }

    @Test
    void atMostTheConfiguredNumberRunAtATimeAndTheOthersWaitInOrder() throws Exception {
        runs.connect(woken::add, id -> Optional.ofNullable(generations.get(id)));
        Blocking first = new Blocking();
        ScenarioRuns.Run a = start("a", 1, first);
        ScenarioRuns.Run b = start("b", 1, new Blocking().release());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.state() == ScenarioRuns.State.RUNNING);
        assertThat(woken).containsExactly(id("a"));
        assertThat(b.state()).as("one replay at a time").isEqualTo(ScenarioRuns.State.QUEUED);
        first.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.state() == ScenarioRuns.State.SUCCEEDED);
        assertThat(a.state()).isEqualTo(ScenarioRuns.State.SUCCEEDED);
        assertThat(a.result().trafficDigest()).isEqualTo("sha256:a");
        assertThat(woken).containsExactly(id("a"), id("a"), id("b"), id("b"));
        assertThat(finished).extracting(TenantRef::name).containsExactly("acme", "acme");
        assertThat(a.startedAt()).isBeforeOrEqualTo(a.finishedAt());
    }

    @Test
    void aNewGenerationCancelsTheRunningOneWhichEndsWithoutWakingTheScenario() throws Exception {
        runs.connect(woken::add, id -> Optional.ofNullable(generations.get(id)));
        Blocking old = new Blocking();
        ScenarioRuns.Run one = start("a", 1, old);
        await().atMost(Duration.ofSeconds(10)).until(() -> one.state() == ScenarioRuns.State.RUNNING);
        ScenarioRuns.Run two = start("a", 2, new Blocking().release());
        assertThat(one.cancelled()).isTrue();
        old.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> two.state() == ScenarioRuns.State.SUCCEEDED);
        assertThat(one.state()).isEqualTo(ScenarioRuns.State.FAILED);
        assertThat(one.failure().reason()).isEqualTo(ScenarioFailure.CANCELLED);
        assertThat(runs.current(id("a"))).containsSame(two);
        assertThat(woken).as("the cancelled run's end wakes nobody").containsExactly(id("a"), id("a"), id("a"));
    }

    @Test
    void aDeletedScenarioCancelsItsRun() {
        runs.connect(woken::add, id -> Optional.ofNullable(generations.get(id)));
        ScenarioRuns.Run run = start("a", 1, new Blocking());
        assertThat(run.cancelled()).isFalse();
        generations.remove(id("a"));
        assertThat(run.cancelled()).isTrue();
    }

    private ScenarioRuns.Run start(String name, long generation, ScenarioRunner runner) {
        generations.put(id(name), generation);
        WhatIfScenario scenario = new WhatIfScenario();
        scenario.setMetadata(new ObjectMetaBuilder().withNamespace("trust").withName(name).withGeneration(generation)
                .build());
        Tenant tenant = new Tenant();
        tenant.setMetadata(new ObjectMetaBuilder().withNamespace("trust").withName("acme").build());
        Instant now = Instant.now();
        return runs.start(id(name), generation, runner, new ScenarioRequest(scenario, tenant, now.minusSeconds(60), now));
    }

    private static ResourceID id(String name) {
        return new ResourceID(name, "trust");
    }

    /** A runner that replays until released, then stops with a failure if cancelled meanwhile. */
    private static final class Blocking implements ScenarioRunner {
        private final CountDownLatch go = new CountDownLatch(1);

        Blocking release() {
            go.countDown();
            return this;
        }

        @Override
        public ScenarioTemplate template() {
            return ScenarioTemplate.BUDGET_CHANGE;
        }

        @Override
        public ScenarioResult run(ScenarioRequest request, ScenarioProgress progress) throws ScenarioFailure {
            try {
                if (!go.await(30, TimeUnit.SECONDS)) {
                    throw new ScenarioFailure("Stuck", "never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ScenarioFailure.cancelled();
            }
            if (progress.cancelled()) {
                throw ScenarioFailure.cancelled();
            }
            return new ScenarioResult(new ScenarioSummary(), new ScenarioSide(), new ScenarioSide(),
                    "sha256:" + request.scenario().getMetadata().getName(), List.of(), List.of());
        }
    }
}
