package io.trustfabric.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.operator.budget.LeaseMessages.LeaseGrant;
import io.trustfabric.operator.budget.LeaseMessages.LeaseRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealKubernetes
class BudgetStoreTest {

    private BudgetFixture fixture;

    @BeforeEach
    void startFixture(TestCluster cluster) {
        fixture = new BudgetFixture(cluster);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aStaleResourceVersionForcesARecomputationNeverADoubleGrant() {
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "1.0", "0.1", null));
        fixture.leases.grant(fixture.ns, "acme", new LeaseRequest("pod-a", "globex", 100_000L));
        AtomicInteger attempts = new AtomicInteger();

        long granted = fixture.store.update(fixture.ns, "acme-all", view -> {
            if (attempts.incrementAndGet() == 1) {
                // another writer stores a grant between our read and our write
                fixture.newStore().update(fixture.ns, "acme-all",
                        other -> other.ledger().grant("e1-0000000000000001", "pod-b", 500_000,
                                other.now().plusSeconds(30)));
            }
            return view.ledger().grant("e1-00000000000000" + attempts.get() + "a", "pod-c", 400_000,
                    view.now().plusSeconds(30)).getMicroEpsilon();
        });

        assertThat(granted).isEqualTo(400_000);
        assertThat(attempts).hasValue(2);
        assertThat(fixture.store.conflicts()).isEqualTo(1);
        PrivacyBudget stored = fixture.get("acme-all");
        assertThat(stored.getStatus().getLeases()).extracting("holder").containsExactly("pod-a", "pod-b", "pod-c");
        assertThat(stored.getStatus().getMicroEpsilon().getRemaining()).isZero();
    }

    @Test
    void aRefusedChangeWritesNothing() {
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "1.0", "0.1", null));
        LeaseGrant first = fixture.leases.grant(fixture.ns, "acme", new LeaseRequest("pod-a", "globex", 1_000_000L));
        String version = fixture.get("acme-all").getMetadata().getResourceVersion();

        try {
            fixture.leases.grant(fixture.ns, "acme", new LeaseRequest("pod-a", "globex", 100_000L));
        } catch (LeaseRefusal expected) {
            assertThat(expected.type()).isEqualTo("budget-exhausted");
        }

        assertThat(first.grantedMicroEpsilon()).isEqualTo(1_000_000);
        assertThat(fixture.get("acme-all").getMetadata().getResourceVersion()).isEqualTo(version);
    }
}
