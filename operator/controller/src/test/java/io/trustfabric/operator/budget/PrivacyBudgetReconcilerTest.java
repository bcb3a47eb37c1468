package io.trustfabric.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.QueryCost;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import io.trustfabric.operator.budget.LeaseMessages.LeaseGrant;
import io.trustfabric.operator.budget.LeaseMessages.LeaseRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivacyBudgetReconcilerTest {

    @Test
    @RealKubernetes
    void aPricelessCostIsRefusedByTheApiServer(TestCluster cluster) {
        try (BudgetFixture fixture = new BudgetFixture(cluster)) {
            PrivacyBudget broken = BudgetFixture.budget("acme-all", "acme", null, "10.0", "0.1", null);
            broken.getSpec().setCost(new QueryCost(null, null));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.create(broken))
                    .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class,
                            e -> assertThat(e.getCode()).isEqualTo(422))
                    .hasMessageContaining("cost must price at least one mode");
        }
    }

    /** A stored budget the CRD refuses today (mock server): the operator reports it and grants nothing. */
    @Test
    void anUnusableSpecSetsAvailableFalseWithAWarningOnceAndGrantsNothing() {
        try (BudgetFixture fixture = BudgetFixture.onMockServer()) {
            String NS = fixture.ns;
            PrivacyBudget broken = BudgetFixture.budget("acme-all", "acme", null, "10.0", "0.1", null);
            broken.getSpec().setCost(new QueryCost(null, null));
            fixture.create(broken);
            PrivacyBudgetReconciler reconciler = new PrivacyBudgetReconciler(fixture.store, fixture.clock);

            UpdateControl<PrivacyBudget> control = reconciler.reconcile(fixture.get("acme-all"), null);
            reconciler.reconcile(fixture.get("acme-all"), null);

            assertThat(control.getScheduleDelay()).contains(PrivacyBudgetReconciler.INVALID_RECHECK.toMillis());
            PrivacyBudget stored = fixture.get("acme-all");
            assertThat(stored.getStatus().condition(BudgetConditions.AVAILABLE)).get()
                    .matches(c -> !c.isTrue() && c.getReason().equals(BudgetConditions.REASON_INVALID_SPEC));
            assertThat(stored.getStatus().getLeases()).isEmpty();
            assertThat(fixture.eventReasons("acme-all")).containsExactly(BudgetEvents.EVENT_INVALID);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.leases.grant(NS, "acme",
                            new LeaseRequest("pod", "globex", 100_000L)))
                    .isInstanceOfSatisfying(LeaseRefusal.class, r -> assertThat(r.type()).isEqualTo("invalid-budget"));
        }
    }

    @Test
    @RealKubernetes
    void startsThePeriodAndRequeuesAtTheNextReclaimThenAtThePeriodEnd(TestCluster cluster) {
        try (BudgetFixture fixture = new BudgetFixture(cluster)) {
            String NS = fixture.ns;
            fixture.create(BudgetFixture.budget("acme-all", "acme", null, "10.0", "0.1", "1.0"));
            PrivacyBudgetReconciler reconciler = new PrivacyBudgetReconciler(fixture.store, fixture.clock);

            UpdateControl<PrivacyBudget> idle = reconciler.reconcile(fixture.get("acme-all"), null);
            PrivacyBudget started = fixture.get("acme-all");
            assertThat(started.getStatus().getEpoch()).isEqualTo(1);
            assertThat(started.getStatus().getPeriod().getStart()).isEqualTo("2026-11-01T00:00:00Z");
            assertThat(started.getStatus().condition(BudgetConditions.AVAILABLE)).get().matches(Condition::isTrue);
            assertThat(started.getStatus().condition(BudgetConditions.NEAR_LIMIT)).get()
                    .matches(c -> c.getReason().equals(BudgetConditions.REASON_BELOW_THRESHOLDS));
            assertThat(idle.getScheduleDelay()).contains(PrivacyBudgetReconciler.MAX_REQUEUE.toMillis());

            LeaseGrant lease = fixture.leases.grant(NS, "acme", new LeaseRequest("pod", "globex", 100_000L));
            UpdateControl<PrivacyBudget> leased = reconciler.reconcile(fixture.get("acme-all"), null);
            Duration untilReclaim = LeaseService.LEASE_TIME.plus(BudgetStore.RECLAIM_GRACE).plusMillis(100);
            assertThat(leased.getScheduleDelay()).contains(untilReclaim.toMillis());

            fixture.clock.advance(untilReclaim);
            reconciler.reconcile(fixture.get("acme-all"), null);
            PrivacyBudget reclaimed = fixture.get("acme-all");
            assertThat(reclaimed.getStatus().getLeases()).isEmpty();
            assertThat(reclaimed.getStatus().getMicroEpsilon().getConsumed()).isEqualTo(lease.grantedMicroEpsilon());

            fixture.clock.set(Instant.parse("2026-11-30T23:58:00Z"));
            UpdateControl<PrivacyBudget> nearEnd = reconciler.reconcile(fixture.get("acme-all"), null);
            assertThat(nearEnd.getScheduleDelay()).contains(Duration.ofMinutes(2).plusMillis(100).toMillis());
            fixture.clock.set(Instant.parse("2026-12-01T00:00:00.100Z"));
            reconciler.reconcile(fixture.get("acme-all"), null);
            PrivacyBudget reset = fixture.get("acme-all");
            assertThat(reset.getStatus().getEpoch()).isEqualTo(2);
            assertThat(reset.getStatus().getPreviousPeriod().getConsumed()).isEqualTo(lease.grantedMicroEpsilon());
            assertThat(reset.getStatus().getMicroEpsilon().getRemaining()).isEqualTo(10_000_000);
        }
    }

    /**
     * Issue 18: thresholds stored unsorted, repeated or outside 1-100 (written before the CRD refused them) are read
     * sorted and de-duplicated, out-of-range ones are ignored: nothing fires at zero spend, then 50, 80, 95 in order.
     */
    @Test
    void alertThresholdsInAnyOrderFireInAscendingOrderAndOutOfRangeOnesNever() {
        try (BudgetFixture fixture = BudgetFixture.onMockServer()) {
            PrivacyBudget budget = BudgetFixture.budget("acme-all", "acme", null, "10.0", "0.1", "1.0");
            budget.getSpec().setAlertThresholds(new ArrayList<>(List.of(95, -1, 80, 150, 50, 80)));
            fixture.create(budget);
            PrivacyBudgetReconciler reconciler = new PrivacyBudgetReconciler(fixture.store, fixture.clock);

            reconciler.reconcile(fixture.get("acme-all"), null);
            assertThat(fixture.get("acme-all").getStatus().condition(BudgetConditions.NEAR_LIMIT)).get()
                    .matches(c -> !c.isTrue() && c.getReason().equals(BudgetConditions.REASON_BELOW_THRESHOLDS), "below")
                    .satisfies(c -> assertThat(c.getMessage()).contains("first alert threshold of 50 %"));

            List<String> reasons = new ArrayList<>();
            for (int percent : List.of(55, 85, 96)) {
                consume(fixture, "acme-all", percent * 100_000L);
                reasons.add(fixture.get("acme-all").getStatus().condition(BudgetConditions.NEAR_LIMIT).orElseThrow()
                        .getReason());
            }
            assertThat(reasons).containsExactly(BudgetConditions.reasonAbove(50), BudgetConditions.reasonAbove(80),
                    BudgetConditions.reasonAbove(95));
            assertThat(fixture.events("acme-all")).filteredOn(e -> e.getReason().equals(BudgetEvents.EVENT_NEAR_LIMIT))
                    .extracting(e -> e.getMessage().replaceAll(".*the (\\d+) % alert threshold.*", "$1"))
                    .containsExactlyInAnyOrder("50", "80", "95");
        }
    }

    /** Brings the budget's consumed micro-epsilon to {@code consumed} through a lease that is spent and released. */
    private static void consume(BudgetFixture fixture, String name, long consumed) {
        fixture.store.update(fixture.ns, name, view -> {
            long more = consumed - view.ledger().consumed();
            String id = "spend-" + consumed;
            view.ledger().grant(id, "pod", more, view.now().plus(LeaseService.LEASE_TIME));
            view.ledger().reportSpent(id, more);
            return view.ledger().release(id);
        });
    }

    /**
     * Issue 18: a budget that names no tenant (stored before the CRD required a spec, or with the schema removed)
     * cannot be attributed to anyone: Available=False with InvalidSpec, and nothing is granted under it.
     */
    @Test
    void aBudgetWithoutTenantIsNotAvailable() {
        try (BudgetFixture fixture = BudgetFixture.onMockServer()) {
            for (String tenant : new String[] {null, ""}) {
                String name = tenant == null ? "no-tenant" : "empty-tenant";
                fixture.create(BudgetFixture.budget(name, tenant, null, "10.0", "0.1", "1.0"));
                PrivacyBudgetReconciler reconciler = new PrivacyBudgetReconciler(fixture.store, fixture.clock);

                UpdateControl<PrivacyBudget> control = reconciler.reconcile(fixture.get(name), null);

                assertThat(control.getScheduleDelay()).contains(PrivacyBudgetReconciler.INVALID_RECHECK.toMillis());
                assertThat(fixture.get(name).getStatus().condition(BudgetConditions.AVAILABLE)).get()
                        .matches(c -> !c.isTrue() && c.getReason().equals(BudgetConditions.REASON_INVALID_SPEC), "invalid")
                        .satisfies(c -> assertThat(c.getMessage()).contains("spec.tenantRef"));
                assertThat(fixture.eventReasons(name)).containsExactly(BudgetEvents.EVENT_INVALID);
            }
        }
    }

    /**
     * Issue 18: a worker freezes right after its lease was granted and never calls again, and no other call touches
     * the budget. The operator must still move the lease to consumed within the documented 60 s after its expiry,
     * not only at its next routine check (up to 5 minutes later). The test plays the operator's loop with the test
     * clock: the next reconcile is the earliest of the reconciler's requeue and the reclaim wake-ups the store asked for.
     */
    @Test
    void aFrozenWorkersLeaseIsConsumedWithinTheGraceAfterExpiryWithoutAnyCall() {
        try (BudgetFixture fixture = BudgetFixture.onMockServer()) {
            fixture.create(BudgetFixture.budget("acme-all", "acme", null, "10.0", "0.1", "1.0"));
            PrivacyBudgetReconciler reconciler = new PrivacyBudgetReconciler(fixture.store, fixture.clock);
            UpdateControl<PrivacyBudget> idle = reconciler.reconcile(fixture.get("acme-all"), null);
            Instant requeue = fixture.clock.instant().plusMillis(idle.getScheduleDelay().orElseThrow());

            fixture.clock.advance(Duration.ofSeconds(5));
            LeaseGrant lease = fixture.leases.grant(fixture.ns, "acme", new LeaseRequest("pod", "globex", 100_000L));
            Instant deadline = Instant.parse(lease.expires()).plus(BudgetStore.RECLAIM_GRACE).plusSeconds(1);

            Instant next = fixture.wakeups.stream().filter(w -> w.budget().equals("acme-all"))
                    .map(BudgetFixture.Wakeup::due).reduce(requeue, (a, b) -> b.isBefore(a) ? b : a);
            fixture.clock.set(next);
            reconciler.reconcile(fixture.get("acme-all"), null);

            assertThat(fixture.clock.instant()).isBeforeOrEqualTo(deadline);
            PrivacyBudget reclaimed = fixture.get("acme-all");
            assertThat(reclaimed.getStatus().getLeases()).isEmpty();
            assertThat(reclaimed.getStatus().getMicroEpsilon().getConsumed()).isEqualTo(lease.grantedMicroEpsilon());
            assertThat(reclaimed.getStatus().getMicroEpsilon().getLeased()).isZero();
            assertThat(fixture.eventReasons("acme-all")).contains(BudgetEvents.EVENT_LEASE_RECLAIMED);
        }
    }

    @Test
    @RealKubernetes
    void theRunningOperatorKeepsBudgetStatusAndExportsTheGauges(TestCluster real) throws Exception {
        try (RealCluster cluster = RealCluster.start(real)) {
            PrivacyBudget budget = BudgetFixture.budget("acme-globex", "acme", "globex", "10.0", "0.1", "1.0");
            cluster.create(budget);

            PrivacyBudget stored = RealCluster.await().until(() -> cluster.client().resources(PrivacyBudget.class)
                    .inNamespace(cluster.namespace()).withName("acme-globex").get(),
                    b -> b.getStatus() != null && b.getStatus().getMicroEpsilon() != null);
            assertThat(stored.getStatus().getMicroEpsilon().getRemaining()).isEqualTo(10_000_000);
            assertThat(stored.getStatus().condition(BudgetConditions.AVAILABLE)).get().matches(Condition::isTrue);

            // the gauges are set right after the status write returns: scrape until they are there
            String metrics = RealCluster.await().until(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + cluster.operator().httpPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body(), body -> body.contains(BudgetMetrics.REMAINING + "{"));
            assertThat(metrics).contains(BudgetMetrics.REMAINING
                    + "{budget=\"acme-globex\",namespace=\"" + cluster.namespace() + "\",partner=\"globex\",tenant=\"acme\"} 1.0E7");
            assertThat(metrics).contains(BudgetMetrics.SPENT_RATIO
                    + "{budget=\"acme-globex\",namespace=\"" + cluster.namespace() + "\",partner=\"globex\",tenant=\"acme\"} 0.0");
        }
    }
}
