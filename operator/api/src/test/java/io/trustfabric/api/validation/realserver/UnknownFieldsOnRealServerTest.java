package io.trustfabric.api.validation.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.validation.ApiReferenceExamples;
import io.trustfabric.api.validation.CrdObjectValidator;
import io.trustfabric.api.validation.GeneratedCrds;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * A field the schema does not know is no validation error on the API server: it is pruned, unless the client asks
 * for strict field validation (kubectl does by default), which refuses it with 400 before validation. The Java
 * validator reports it, as strict field validation does.
 */
@RealKubernetes
class UnknownFieldsOnRealServerTest {

    @Test
    void unknownFieldIsPrunedOrRefusedUnderStrictFieldValidation(TestCluster cluster) {
        ClusterObjects objects = new ClusterObjects(cluster, cluster.createNamespace("unknown-field"));
        ObjectNode tenant = (ObjectNode) ApiReferenceExamples.first("Tenant");
        tenant.with("spec").put("replicas", 3);
        assertThat(new CrdObjectValidator(GeneratedCrds.of("Tenant")).validate(tenant).unknownFields())
                .containsExactly("spec.replicas");

        GenericKubernetesResource pruned = objects.create(tenant);
        assertThat(ClusterObjects.json(pruned).get("spec").has("replicas")).as("spec.replicas stored").isFalse();

        tenant.with("metadata").put("name", "acme-strict");
        KubernetesClientException refusal = ClusterObjects.refusalOf(() -> objects.createStrictly(tenant));
        assertThat(refusal).as("strict field validation accepted an unknown field").isNotNull();
        assertThat(refusal.getCode()).isEqualTo(400);
        assertThat(refusal.getStatus().getMessage()).contains("unknown field \"spec.replicas\"");
        assertThat(objects.get(tenant)).isEmpty();
    }
}
