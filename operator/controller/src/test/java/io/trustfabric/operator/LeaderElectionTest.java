package io.trustfabric.operator;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import org.junit.jupiter.api.Test;

/** Leader election as the chart's service account: the Lease lives in the release namespace (a Role there). */
@RealKubernetes
class LeaderElectionTest {

    @Test
    void leaderTakesTheLeaseAndReconciles(TestCluster real) {
        OperatorSettings settings = OperatorSettings.local().withLeaderElection(true, ChartRbac.RELEASE_NAMESPACE,
                "replica-a");
        try (RealCluster cluster = RealCluster.start(real, settings)) {
            Lease lease = await().until(() -> cluster.client().leases().inNamespace(ChartRbac.RELEASE_NAMESPACE)
                    .withName(OperatorSettings.LEASE_NAME).get(), l -> l != null
                    && "replica-a".equals(l.getSpec().getHolderIdentity()));
            assertThat(lease.getSpec().getLeaseDurationSeconds()).isPositive();
            await().until(() -> cluster.operator().leader().isLeader());

            cluster.create(tenant("led", inlineDataset("a\n"), QueryMode.PSI_CA));
            await().until(() -> cluster.deployment("led-psi"), d -> d != null);
        }
    }
}
