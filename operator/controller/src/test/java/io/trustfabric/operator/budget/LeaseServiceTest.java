package io.trustfabric.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.operator.budget.LeaseMessages.LeaseGrant;
import io.trustfabric.operator.budget.LeaseMessages.LeaseReleased;
import io.trustfabric.operator.budget.LeaseMessages.LeaseReport;
import io.trustfabric.operator.budget.LeaseMessages.LeaseRequest;
import io.trustfabric.operator.budget.LeaseMessages.ReceiptReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealKubernetes
class LeaseServiceTest {

    private BudgetFixture fixture;
    private String ns;

    @BeforeEach
    void startFixture(TestCluster cluster) {
        fixture = new BudgetFixture(cluster);
        ns = fixture.ns;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static LeaseRequest ask(String partner, long microEpsilon) {
        return new LeaseRequest("acme-psi-0", partner, microEpsilon);
    }

    private static LeaseReport spent(long microEpsilon) {
        return new LeaseReport(microEpsilon, null);
    }

    private static void assertRefused(Runnable call, int status, String type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(LeaseRefusal.class, r -> {
            assertThat(r.type()).isEqualTo(type);
            assertThat(r.status()).isEqualTo(status);
        });
    }

    @Test
    void aPartnerWithoutABudgetIsRefused() {
        fixture.create(BudgetFixture.budget("acme-globex", "acme", "globex", "10.0", "0.1", "1.0"));
        assertRefused(() -> fixture.leases.grant(ns, "acme", ask("initech", 100_000)), 404, "no-budget");
        assertRefused(() -> fixture.leases.grant(ns, "other", ask("globex", 100_000)), 404, "no-budget");
    }

    @Test
    void twoBudgetsForTheSamePartnerAreRefusedRatherThanPickedFrom() {
        fixture.create(BudgetFixture.budget("acme-globex", "acme", "globex", "10.0", "0.1", "1.0"));
        fixture.create(BudgetFixture.budget("acme-globex-2", "acme", "globex", "20.0", "0.1", "1.0"));
        assertThatThrownBy(() -> fixture.leases.grant(ns, "acme", ask("globex", 100_000)))
                .isInstanceOfSatisfying(LeaseRefusal.class, r -> {
                    assertThat(r.type()).isEqualTo("ambiguous-budget");
                    assertThat(r.members().get("budgets")).isEqualTo(List.of("acme-globex", "acme-globex-2"));
                });
        assertThat(fixture.get("acme-globex").getStatus()).isNull();
    }

    @Test
    void malformedRequestsAreRefusedAndChangeNothing() {
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "10.0", "0.1", "1.0"));
        assertRefused(() -> fixture.leases.grant(ns, "acme", new LeaseRequest(null, "globex", 1L)), 400, "invalid-request");
        assertRefused(() -> fixture.leases.grant(ns, "acme", new LeaseRequest("Pod_A", "globex", 1L)), 400, "invalid-request");
        assertRefused(() -> fixture.leases.grant(ns, "acme", new LeaseRequest("pod", "../x", 1L)), 400, "invalid-request");
        assertRefused(() -> fixture.leases.grant(ns, "acme", new LeaseRequest("pod", "globex", 0L)), 400, "invalid-request");
        assertRefused(() -> fixture.leases.report(ns, "acme", "../../etc", spent(1), false), 404, "unknown-lease");
        assertRefused(() -> fixture.leases.report(ns, "acme", "e1-0123456789abcdef", spent(1), true), 404,
                "unknown-lease");
        assertThat(fixture.get("acme-all").getStatus()).isNull();
    }

    @Test
    void thePartnersOwnBudgetWinsOverTheTenantWideOneAndTheGrantIsStoredBeforeTheAnswer() {
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "10.0", "0.1", "1.0"));
        fixture.create(BudgetFixture.budget("acme-globex", "acme", "globex", "5.0", "0.1", "1.0"));

        LeaseGrant globex = fixture.leases.grant(ns, "acme", ask("globex", 100_000));
        LeaseGrant initech = fixture.leases.grant(ns, "acme", ask("initech", 100_000));

        assertThat(globex.budget()).isEqualTo("acme-globex");
        assertThat(initech.budget()).isEqualTo("acme-all");
        assertThat(globex.grantedMicroEpsilon()).isEqualTo(1_000_000); // at least the largest query cost
        assertThat(globex.cost()).containsEntry("psi-ca", 100_000L).containsEntry("psi", 1_000_000L);
        assertThat(globex.expires()).isEqualTo(BudgetFixture.START.plus(LeaseService.LEASE_TIME).toString());
        assertThat(globex.periodEnd()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(globex.epoch()).isEqualTo(1);
        PrivacyBudget stored = fixture.get("acme-globex");
        assertThat(stored.getStatus().getLeases()).singleElement().satisfies(l -> {
            assertThat(l.getId()).isEqualTo(globex.leaseId());
            assertThat(l.getMicroEpsilon()).isEqualTo(1_000_000);
            assertThat(l.getHolder()).isEqualTo("acme-psi-0");
        });
        assertThat(stored.getStatus().getMicroEpsilon().getRemaining()).isEqualTo(4_000_000);
        assertThat(stored.getStatus().condition(BudgetConditions.AVAILABLE)).get().matches(Condition::isTrue);
    }

    @Test
    void exhaustionIsA429WithThePeriodEnd() {
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "1.0", "0.1", "1.0"));
        fixture.leases.grant(ns, "acme", ask("globex", 1_000_000));
        assertThatThrownBy(() -> fixture.leases.grant(ns, "acme", ask("globex", 100_000)))
                .isInstanceOfSatisfying(LeaseRefusal.class, r -> {
                    assertThat(r.status()).isEqualTo(429);
                    assertThat(r.type()).isEqualTo("budget-exhausted");
                    assertThat(r.members()).containsEntry("periodEnd", "2026-12-01T00:00:00Z")
                            .containsEntry("remainingMicroEpsilon", 0L);
                    assertThat(r.retryAfterSeconds()).isEqualTo(Duration.between(BudgetFixture.START,
                            java.time.Instant.parse("2026-12-01T00:00:00Z")).toSeconds());
                });
        PrivacyBudget stored = fixture.get("acme-all");
        assertThat(stored.getStatus().condition(BudgetConditions.EXHAUSTED)).get().matches(Condition::isTrue);
        assertThat(stored.getStatus().condition(BudgetConditions.AVAILABLE)).get()
                .matches(c -> !c.isTrue() && c.getReason().equals(BudgetConditions.REASON_BUDGET_SPENT));
        assertThat(fixture.eventReasons("acme-all")).containsOnlyOnce(BudgetEvents.EVENT_EXHAUSTED);
    }

    @Test
    void aGrantsRemainingBoundCountsOtherWorkersUnspentLeases() {
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "10.0", "0.1", "1.0"));
        LeaseGrant first = fixture.leases.grant(ns, "acme", new LeaseRequest("acme-psi-0", "globex", 1_000_000L));
        fixture.leases.report(ns, "acme", first.leaseId(), spent(300_000), false);

        LeaseGrant second = fixture.leases.grant(ns, "acme", new LeaseRequest("acme-psi-1", "globex", 1_000_000L));

        // not consumed: 10,000,000 - 300,000; less the second grant. The first lease's unspent 700,000 stays in,
        // because its worker may still spend it: a receipt's remaining-after must never be below the truth.
        assertThat(second.remainingMicroEpsilon()).isEqualTo(10_000_000 - 300_000 - second.grantedMicroEpsilon());
        assertThat(first.remainingMicroEpsilon()).isEqualTo(10_000_000 - first.grantedMicroEpsilon());
    }

    @Test
    void releaseReturnsTheUnspentRest() {
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "10.0", "0.1", "1.0"));
        LeaseGrant lease = fixture.leases.grant(ns, "acme", ask("globex", 1_000_000));
        fixture.leases.report(ns, "acme", lease.leaseId(), spent(300_000), false);

        LeaseReleased released = fixture.leases.release(ns, "acme", lease.leaseId(), spent(400_000));

        assertThat(released.spentMicroEpsilon()).isEqualTo(400_000);
        assertThat(released.returnedMicroEpsilon()).isEqualTo(600_000);
        assertThat(released.remainingMicroEpsilon()).isEqualTo(9_600_000);
        PrivacyBudget stored = fixture.get("acme-all");
        assertThat(stored.getStatus().getLeases()).isEmpty();
        assertThat(stored.getStatus().getMicroEpsilon().getConsumed()).isEqualTo(400_000);
        assertRefused(() -> fixture.leases.release(ns, "acme", lease.leaseId(), LeaseReport.NONE), 404, "unknown-lease");
    }

    @Test
    void anExpiredLeaseCannotBeRenewedGivesNothingBackAndIsReclaimedInFullAfterTheGrace() {
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "10.0", "0.1", "1.0"));
        LeaseGrant abandoned = fixture.leases.grant(ns, "acme", ask("globex", 1_000_000));
        LeaseGrant late = fixture.leases.grant(ns, "acme", ask("globex", 1_000_000));
        fixture.leases.report(ns, "acme", abandoned.leaseId(), spent(200_000), false);

        fixture.clock.advance(LeaseService.LEASE_TIME);
        assertRefused(() -> fixture.leases.report(ns, "acme", abandoned.leaseId(), spent(200_000), true), 410,
                "lease-expired");
        // a final receipts report within the grace is still recorded
        fixture.leases.report(ns, "acme", late.leaseId(),
                new LeaseReport(100_000L, new ReceiptReport(1L, "sha256:01", List.of("r1"))), false);
        LeaseReleased released = fixture.leases.release(ns, "acme", late.leaseId(), LeaseReport.NONE);
        assertThat(released.returnedMicroEpsilon()).isZero();
        assertThat(fixture.get("acme-all").getStatus().getLeases()).extracting("id").containsExactly(abandoned.leaseId());

        fixture.clock.advance(BudgetStore.RECLAIM_GRACE);
        fixture.store.update(ns, "acme-all", view -> null);

        PrivacyBudget stored = fixture.get("acme-all");
        assertThat(stored.getStatus().getLeases()).isEmpty();
        assertThat(stored.getStatus().getMicroEpsilon().getConsumed()).isEqualTo(2_000_000);
        assertThat(stored.getStatus().getMicroEpsilon().getRemaining()).isEqualTo(8_000_000);
        assertThat(stored.getStatus().getReceipts().getCount()).isEqualTo(1);
        assertThat(fixture.eventReasons("acme-all")).containsOnlyOnce(BudgetEvents.EVENT_LEASE_RECLAIMED);
        assertRefused(() -> fixture.leases.release(ns, "acme", abandoned.leaseId(), LeaseReport.NONE), 404,
                "unknown-lease");
    }

    @Test
    void renewalExtendsTheLeaseButNeverPastThePeriodEnd() {
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "10.0", "0.1", "1.0"));
        fixture.clock.set(java.time.Instant.parse("2026-11-30T23:59:20Z"));
        LeaseGrant lease = fixture.leases.grant(ns, "acme", ask("globex", 100_000));
        assertThat(lease.expires()).isEqualTo("2026-11-30T23:59:50Z");
        fixture.clock.advance(Duration.ofSeconds(20));

        var renewed = fixture.leases.report(ns, "acme", lease.leaseId(), spent(100_000), true);

        assertThat(renewed.expires()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(renewed.spentMicroEpsilon()).isEqualTo(100_000);
    }

    @Test
    void thresholdEventsFireOncePerCrossing() {
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "1.0", "0.1", null));
        for (int i = 0; i < 10; i++) {
            LeaseGrant lease = fixture.leases.grant(ns, "acme", ask("globex", 100_000));
            fixture.leases.release(ns, "acme", lease.leaseId(), spent(100_000));
            fixture.store.update(ns, "acme-all", view -> null); // extra writes must not repeat events
        }
        List<String> reasons = fixture.eventReasons("acme-all");
        assertThat(reasons.stream().filter(BudgetEvents.EVENT_NEAR_LIMIT::equals)).hasSize(3);
        assertThat(reasons.stream().filter(BudgetEvents.EVENT_EXHAUSTED::equals)).hasSize(1);
        assertThat(fixture.events("acme-all").stream().filter(e -> e.getReason().equals(BudgetEvents.EVENT_NEAR_LIMIT))
                .map(e -> e.getMessage().substring(0, 35)))
                .containsExactlyInAnyOrder("Consumed reached the 50 % alert thr", "Consumed reached the 80 % alert thr",
                        "Consumed reached the 95 % alert thr");
        assertThat(fixture.get("acme-all").getStatus().condition(BudgetConditions.NEAR_LIMIT)).get()
                .matches(c -> c.isTrue() && c.getReason().equals(BudgetConditions.reasonAbove(95)));
    }

    @Test
    void thePeriodResetsAtItsEndKeepingThePreviousTotalsAndStartingANewEpoch() {
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "1.0", "0.1", null));
        LeaseGrant spentAll = fixture.leases.grant(ns, "acme", ask("globex", 1_000_000));
        fixture.leases.release(ns, "acme", spentAll.leaseId(), spent(900_000));
        LeaseGrant open = fixture.leases.grant(ns, "acme", ask("globex", 100_000));
        assertRefused(() -> fixture.leases.grant(ns, "acme", ask("globex", 100_000)), 429, "budget-exhausted");

        fixture.clock.set(java.time.Instant.parse("2026-12-01T00:00:00Z"));
        LeaseGrant december = fixture.leases.grant(ns, "acme", ask("globex", 100_000));

        PrivacyBudget stored = fixture.get("acme-all");
        assertThat(december.epoch()).isEqualTo(2);
        assertThat(december.leaseId()).startsWith("e2-");
        assertThat(stored.getStatus().getPeriod().getStart()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(stored.getStatus().getPreviousPeriod().getConsumed()).isEqualTo(1_000_000);
        assertThat(stored.getStatus().getPreviousPeriod().getEpoch()).isEqualTo(1);
        assertThat(stored.getStatus().getLeases()).extracting("id").containsExactly(december.leaseId());
        assertThat(stored.getStatus().condition(BudgetConditions.EXHAUSTED)).get().matches(c -> !c.isTrue());
        assertThat(fixture.eventReasons("acme-all")).contains(BudgetEvents.EVENT_PERIOD_RESET,
                BudgetEvents.EVENT_AVAILABLE_AGAIN);
        assertRefused(() -> fixture.leases.release(ns, "acme", open.leaseId(), spent(100_000)), 404, "unknown-lease");
    }

    /** What a worker does on 503 budget-busy: nothing was written, so it sends the same release again. */
    private void releaseRetryingWhenBusy(LeaseService leases, String leaseId, long spentHere) {
        while (true) {
            try {
                leases.release(ns, "acme", leaseId, spent(spentHere));
                return;
            } catch (LeaseRefusal refused) {
                if (!refused.type().equals("budget-busy")) {
                    throw refused;
                }
            }
        }
    }

    /**
     * Workers on two operator-side stores (as if two replicas raced) ask for leases of a budget worth exactly K
     * queries, answer as many queries as each lease funds, report and release. Exactly K queries are answered,
     * consumed is exactly what was reported, and nothing is left.
     */
    @Test
    void concurrentWorkersNeverSpendMoreThanTheBudget() throws Exception {
        int queries = 40;
        long cost = 100_000;
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "4.0", "0.1", null));
        LeaseService otherReplica = new LeaseService(new BudgetResolver(fixture.client), fixture.newStore());
        AtomicLong answered = new AtomicLong();
        AtomicLong reported = new AtomicLong();
        List<Callable<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            LeaseService leases = w % 2 == 0 ? fixture.leases : otherReplica;
            String holder = "acme-psi-" + w;
            workers.add(() -> {
                while (true) {
                    LeaseGrant lease;
                    try {
                        lease = leases.grant(ns, "acme", new LeaseRequest(holder, "globex", cost));
                    } catch (LeaseRefusal refused) {
                        if (refused.type().equals("budget-busy")) {
                            continue;
                        }
                        assertThat(refused.type()).isEqualTo("budget-exhausted");
                        return null;
                    }
                    long spentHere = 0;
                    while (spentHere + cost <= lease.grantedMicroEpsilon()) {
                        spentHere += cost;
                        answered.incrementAndGet();
                    }
                    reported.addAndGet(spentHere);
                    releaseRetryingWhenBusy(leases, lease.leaseId(), spentHere);
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        PrivacyBudget stored = fixture.get("acme-all");
        assertThat(answered).hasValue(queries);
        assertThat(stored.getStatus().getMicroEpsilon().getConsumed()).isEqualTo(reported.get()).isEqualTo(queries * cost);
        assertThat(stored.getStatus().getMicroEpsilon().getRemaining()).isZero();
        assertThat(stored.getStatus().getMicroEpsilon().getLeased()).isZero();
        assertThat(stored.getStatus().getLeases()).isEmpty();
    }
}
