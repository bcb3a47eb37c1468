package io.trustfabric.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared control plane is real: version, server-side apply conflicts, RBAC, garbage collection, kubectl. */
@RealKubernetes
class TestClusterTest {

    @Test
    void servesThePinnedKubernetesVersion(TestCluster cluster) {
        assertThat(cluster.admin().getKubernetesVersion().getGitVersion())
                .isEqualTo("v" + cluster.controlPlane().binaries().kubernetesVersion());
        assertThat(cluster.controlPlane().isRunning()).isTrue();
    }

    @Test
    void serverSideApplyReportsAConflictBetweenFieldManagers(TestCluster cluster) {
        String ns = cluster.createNamespace("ssa");
        ConfigMap first = new ConfigMapBuilder().withNewMetadata().withName("shared").withNamespace(ns).endMetadata()
                .addToData("owner", "first").build();
        cluster.admin().configMaps().inNamespace(ns).resource(first).fieldManager("first").serverSideApply();

        ConfigMap second = new ConfigMapBuilder(first).withData(java.util.Map.of("owner", "second")).build();
        assertThatThrownBy(() -> cluster.admin().configMaps().inNamespace(ns).resource(second).fieldManager("second")
                .serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409))
                .hasMessageContaining("conflict");
    }

    @Test
    void rbacRefusesAServiceAccountWithoutARole(TestCluster cluster) {
        String ns = cluster.createNamespace("rbac");
        try (KubernetesClient nobody = cluster.clientFor(ns, "nobody")) {
            assertThatThrownBy(() -> nobody.secrets().inNamespace(ns).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403))
                    .hasMessageContaining("system:serviceaccount:" + ns + ":nobody");
        }
    }

    @Test
    void garbageCollectorDeletesWhatAnOwnerOwned(TestCluster cluster) {
        String ns = cluster.createNamespace("gc");
        ConfigMap owner = cluster.admin().configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("owner").endMetadata().build()).create();
        cluster.admin().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("owned").addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap").withName("owner")
                .withUid(owner.getMetadata().getUid()).endOwnerReference().endMetadata().build()).create();

        cluster.admin().configMaps().inNamespace(ns).withName("owner").delete();

        cluster.admin().configMaps().inNamespace(ns).withName("owned")
                .waitUntilCondition(java.util.Objects::isNull, 60, TimeUnit.SECONDS);
    }

    @Test
    void namespaceDeletionFinishes(TestCluster cluster) {
        String ns = cluster.createNamespace("ns-delete");
        cluster.admin().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("content").endMetadata().build()).create();
        cluster.admin().namespaces().withName(ns).delete();
        cluster.admin().namespaces().withName(ns).waitUntilCondition(java.util.Objects::isNull, 120, TimeUnit.SECONDS);
    }

    @Test
    void kubectlTalksToTheControlPlane(TestCluster cluster) {
        String ns = cluster.createNamespace("kubectl");
        CommandResult result = cluster.kubectl("get", "namespace", ns, "-o", "name");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().trim()).isEqualTo("namespace/" + ns);
        assertThat(cluster.kubectl("version").output()).contains("Server Version: v"
                + cluster.controlPlane().binaries().kubernetesVersion());
    }

    @Test
    void auditLogRecordsServiceAccountRequests(TestCluster cluster) {
        String ns = cluster.createNamespace("audit");
        java.time.Instant since = java.time.Instant.now().minusSeconds(1);
        try (KubernetesClient nobody = cluster.clientFor(ns, "auditor")) {
            assertThatThrownBy(() -> nobody.configMaps().inNamespace(ns).list()).isInstanceOf(KubernetesClientException.class);
        }
        String user = "system:serviceaccount:" + ns + ":auditor";
        var events = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> cluster.auditEventsSince(since).stream().filter(e -> user.equals(e.at("/user/username").asText()))
                        .toList(), list -> !list.isEmpty());
        assertThat(events.get(0).at("/objectRef/resource").asText()).isEqualTo("configmaps");
        assertThat(events.get(0).at("/verb").asText()).isEqualTo("list");
        assertThat(events.get(0).at("/responseStatus/code").asInt()).isEqualTo(403);
    }
}
