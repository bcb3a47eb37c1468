package io.trustfabric.operator;

import static io.trustfabric.operator.MockCluster.await;
import static io.trustfabric.operator.MockCluster.inlineDataset;
import static io.trustfabric.operator.MockCluster.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.trustfabric.api.v1alpha1.QueryMode;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

    @Test
    void leaderTakesTheLeaseAndReconciles() {
        OperatorSettings settings = OperatorSettings.local().withLeaderElection(true, "trust-system", "replica-a");
        try (MockCluster cluster = MockCluster.start(settings)) {
            Lease lease = await().until(() -> cluster.client().leases().inNamespace("trust-system")
                    .withName(OperatorSettings.LEASE_NAME).get(), l -> l != null
                    && "replica-a".equals(l.getSpec().getHolderIdentity()));
            assertThat(lease.getSpec().getLeaseDurationSeconds()).isPositive();
            await().until(() -> cluster.operator().leader().isLeader());

            cluster.create(tenant("led", inlineDataset("a\n"), QueryMode.PSI_CA));
            await().until(() -> cluster.deployment("led-psi"), d -> d != null);
        }
    }
}
