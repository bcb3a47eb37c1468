package io.trustfabric.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.trustfabric.api.v1alpha1.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusPatchesTest {

    private static final KubernetesClientException CONFLICT = new KubernetesClientException(new StatusBuilder()
            .withCode(409).withReason("Conflict").withMessage("the object has been modified").build());
    private static final KubernetesClientException TERMINATING = new KubernetesClientException(new StatusBuilder()
            .withCode(403).withReason("Forbidden").withMessage("because it is being terminated")
            .withNewDetails().addNewCause().withReason("NamespaceTerminating").withField("metadata.namespace")
            .endCause().endDetails().build());
    private static final KubernetesClientException QUOTA = new KubernetesClientException(new StatusBuilder()
            .withCode(403).withReason("Forbidden").withMessage("exceeded quota: compute-resources").build());

    @Test
    void conflictsAndTerminatingNamespacesAreRacesToRetry() {
        assertThat(StatusPatches.isTransient(CONFLICT)).isTrue();
        assertThat(StatusPatches.isTransient(new RuntimeException("wrapped", CONFLICT))).isTrue();
        assertThat(StatusPatches.isTransient(TERMINATING)).isTrue();
    }

    @Test
    void aRealRefusalIsReportedEvenNextToAConflict() {
        assertThat(StatusPatches.isTransient(QUOTA)).isFalse();
        assertThat(StatusPatches.isTransient(new IllegalStateException("no API server involved"))).isFalse();
        assertThat(StatusPatches.isTransient(new AggregatedOperatorException("dependents failed",
                Map.of("deployment", QUOTA, "service", CONFLICT)))).isFalse();
        assertThat(StatusPatches.isTransient(new AggregatedOperatorException("dependents failed",
                Map.of("deployment", CONFLICT, "service", TERMINATING)))).isTrue();
    }

    @Test
    void theStatusIsAppliedWithoutTheResourceVersionItWasReadAt() {
        Tenant tenant = new Tenant();
        tenant.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("acme")
                .withResourceVersion("42").build());
        assertThat(StatusPatches.unconditional(tenant)).isSameAs(tenant);
        assertThat(tenant.getMetadata().getResourceVersion()).isNull();
    }
}
