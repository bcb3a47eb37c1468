package io.trustfabric.api.validation.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.trustfabric.api.validation.cases.ValidObject;
import io.trustfabric.api.validation.cases.ValidationCases;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented example and valid variant is accepted by the real API server and stored whole (nothing pruned);
 * an object with a status gets it written through the status subresource.
 */
@RealKubernetes
class ValidObjectsOnRealServerTest {

    static Stream<ValidObject> validObjects() {
        return ValidationCases.valid().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validObjects")
    void validObjectIsStoredWhole(ValidObject valid, TestCluster cluster) {
        ClusterObjects objects = new ClusterObjects(cluster, cluster.createNamespace("valid"));
        ObjectNode object = valid.object();
        GenericKubernetesResource created = objects.create(object);
        try {
            assertThat(created.getMetadata().getUid()).isNotBlank();
            assertThat(JsonSubset.missing(object.get("spec"), ClusterObjects.json(created).get("spec")))
                    .as("spec fields the API server dropped or changed").isEmpty();
            if (object.has("status")) {
                object.with("metadata").put("resourceVersion", created.getMetadata().getResourceVersion());
                GenericKubernetesResource updated = objects.updateStatus(object);
                assertThat(JsonSubset.missing(object.get("status"), ClusterObjects.json(updated).get("status")))
                        .as("status fields the API server dropped or changed").isEmpty();
            }
        } finally {
            objects.deleteIfPresent(object);
        }
    }
}
