package io.trustfabric.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerAvailabilityTest {

    @Test
    void availableWhenAllDesiredReplicasAreAvailable() {
        WorkerAvailability a = WorkerAvailability.of(Optional.of(deployment(3, 3)));
        assertThat(a.available()).isTrue();
        assertThat(a.reason()).isEqualTo(TenantConditions.REASON_MINIMUM_REPLICAS_AVAILABLE);
        assertThat(a.desired()).isEqualTo(3);
        assertThat(a.ready()).isEqualTo(3);
    }

    @Test
    void unavailableWhenFewerAreAvailableSaysHowToLook() {
        WorkerAvailability a = WorkerAvailability.of(Optional.of(deployment(3, 2)));
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).isEqualTo(TenantConditions.REASON_REPLICAS_UNAVAILABLE);
        assertThat(a.message()).contains("2 of 3").contains("kubectl describe deployment acme-psi -n trust");
    }

    @Test
    void scaledToZeroIsNotAvailable() {
        WorkerAvailability a = WorkerAvailability.of(Optional.of(deployment(0, 0)));
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).isEqualTo(TenantConditions.REASON_SCALED_TO_ZERO);
    }

    @Test
    void noDeploymentOrNoStatusYetIsNotAvailable() {
        assertThat(WorkerAvailability.of(Optional.empty()).reason()).isEqualTo(TenantConditions.REASON_DEPLOYMENT_PENDING);
        Deployment noStatus = deployment(1, 0);
        noStatus.setStatus(null);
        assertThat(WorkerAvailability.of(Optional.of(noStatus)).available()).isFalse();
    }

    private static Deployment deployment(int replicas, int available) {
        return new DeploymentBuilder().withNewMetadata().withName("acme-psi").withNamespace("trust").endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withAvailableReplicas(available).endStatus().build();
    }
}
