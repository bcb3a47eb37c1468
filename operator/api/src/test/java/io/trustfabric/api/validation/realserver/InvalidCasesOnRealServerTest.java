package io.trustfabric.api.validation.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.validation.cases.InvalidCase;
import io.trustfabric.api.validation.cases.ValidationCases;
import io.trustfabric.api.validation.schema.GeneratedInvalidCases;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid case, hand-written and generated, is refused by the real API server with its messages, and
 * nothing is stored: a broken spec is not created, a broken status is not written.
 */
@RealKubernetes
class InvalidCasesOnRealServerTest {

    static Stream<InvalidCase> handWrittenCases() {
        return ValidationCases.handWritten().stream();
    }

    static Stream<InvalidCase> generatedCases() {
        return GeneratedInvalidCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handWrittenCases")
    void handWrittenCaseIsRefusedWithExactlyItsViolations(InvalidCase invalid, TestCluster cluster) {
        assertRefused(invalid, new ClusterObjects(cluster, cluster.createNamespace("invalid")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedCases")
    void generatedCaseIsRefusedWithItsViolation(InvalidCase invalid, TestCluster cluster) {
        assertRefused(invalid, new ClusterObjects(cluster, cluster.createNamespace("generated")));
    }

    private static void assertRefused(InvalidCase invalid, ClusterObjects objects) {
        if (invalid.breaksStatus()) {
            assertStatusRefused(invalid, objects);
        } else {
            assertCreateRefused(invalid, objects);
        }
    }

    private static void assertCreateRefused(InvalidCase invalid, ClusterObjects objects) {
        ObjectNode broken = invalid.broken();
        KubernetesClientException refusal = ClusterObjects.refusalOf(() -> objects.create(broken));
        boolean stored = objects.get(broken).isPresent();
        objects.deleteIfPresent(broken);
        assertThat(refusal).as("the API server accepted %s", invalid).isNotNull();
        assertThat(stored).as("refused, yet stored").isFalse();
        ServerRefusal.assertRefusedAsExpected(refusal, invalid);
    }

    /** The status subresource is the only way to write a status; create ignores it. */
    private static void assertStatusRefused(InvalidCase invalid, ClusterObjects objects) {
        ObjectNode base = invalid.base().object();
        ObjectNode broken = invalid.broken();
        assertThat(broken.get("spec")).as("a status case changes only the status").isEqualTo(base.get("spec"));
        GenericKubernetesResource created = objects.create(base);
        try {
            String version = created.getMetadata().getResourceVersion();
            broken.with("metadata").put("resourceVersion", version);
            KubernetesClientException refusal = ClusterObjects.refusalOf(() -> objects.updateStatus(broken));
            String storedVersion = objects.get(broken).orElseThrow().getMetadata().getResourceVersion();
            assertThat(refusal).as("the API server accepted %s", invalid).isNotNull();
            assertThat(storedVersion).as("refused, yet written").isEqualTo(version);
            ServerRefusal.assertRefusedAsExpected(refusal, invalid);
        } finally {
            objects.deleteIfPresent(base);
        }
    }
}
