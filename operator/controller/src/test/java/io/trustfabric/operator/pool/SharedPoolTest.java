package io.trustfabric.operator.pool;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.trustfabric.api.v1alpha1.FairShare;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import io.trustfabric.operator.tenant.TenantConditions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealKubernetes
class SharedPoolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RealCluster cluster;

    @BeforeEach
    void startCluster(TestCluster real) {
        cluster = RealCluster.start(real);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void twoTenantsOfOnePoolShareOneDeploymentServiceAndConfig() throws Exception {
        cluster.create(pooled("acme", 3));
        cluster.create(pooled("umbrella", 1));

        JsonNode config = await().until(() -> poolConfig("shared"), c -> c != null && c.get("tenants").size() == 2);
        assertThat(config.at("/pool/name").asText()).isEqualTo("shared");
        assertThat(config.get("tenants")).extracting(t -> t.at("/tenant/name").asText())
                .containsExactly("acme", "umbrella");
        assertThat(config.get("tenants")).extracting(t -> t.at("/tenant/fairShareWeight").asInt())
                .containsExactly(3, 1);
        assertThat(config.at("/tenants/1/partners/path").asText())
                .isEqualTo("/var/run/trustfabric/tenants/umbrella/partners/partners.json");

        var deployment = await().until(() -> cluster.deployment("psi-pool-shared"),
                d -> d != null && owners(d).size() == 2);
        assertThat(owners(deployment)).extracting(OwnerReference::getName).containsExactlyInAnyOrder("acme", "umbrella");
        assertThat(owners(deployment)).noneMatch(r -> Boolean.TRUE.equals(r.getController()));
        assertThat(cluster.service("psi-pool-shared")).isNotNull();
        assertThat(cluster.deployment("acme-psi")).isNull();
        assertThat(cluster.deployment("umbrella-psi")).isNull();
        assertThat(cluster.configMap("acme-psi-partners")).isNotNull();
        assertThat(cluster.secret("umbrella-psi-worker-token")).isNotNull();

        cluster.setDeploymentStatus("psi-pool-shared", 1, 1);
        cluster.awaitCondition("acme", TenantConditions.READY, c -> c.isTrue());
        cluster.awaitCondition("umbrella", TenantConditions.READY, c -> c.isTrue());
        assertThat(cluster.tenant("umbrella").getStatus().getEndpoint())
                .isEqualTo("http://psi-pool-shared." + cluster.namespace() + ".svc:8080/tenants/umbrella");
    }

    @Test
    void aTenantLeavingThePoolIsRemovedFromItAndGetsItsOwnWorkers() throws Exception {
        cluster.create(pooled("acme", 1));
        cluster.create(pooled("umbrella", 1));
        await().until(() -> poolConfig("shared"), c -> c != null && c.get("tenants").size() == 2);

        // the operator writes the Tenant's status concurrently: editTenant retries a conflicting write
        cluster.editTenant("umbrella", t -> {
            t.getSpec().getWorkers().setPool("dedicated");
        });

        JsonNode config = await().until(() -> poolConfig("shared"), c -> c.get("tenants").size() == 1);
        assertThat(config.at("/tenants/0/tenant/name").asText()).isEqualTo("acme");
        await().until(() -> cluster.deployment("umbrella-psi"), d -> d != null);
        await().until(() -> owners(cluster.deployment("psi-pool-shared")).stream().map(OwnerReference::getName).toList(),
                names -> names.equals(java.util.List.of("acme")));
    }

    @Test
    void whenTheGarbageCollectorDropsADeletedMemberTheOthersRerenderThePool() throws Exception {
        cluster.create(pooled("acme", 1));
        cluster.create(pooled("umbrella", 1));
        await().until(() -> poolConfig("shared"), c -> c != null && c.get("tenants").size() == 2);
        await().until(() -> cluster.deployment("psi-pool-shared"), d -> d != null && owners(d).size() == 2);

        cluster.client().resources(Tenant.class).inNamespace(cluster.namespace()).withName("umbrella").delete();
        await().until(() -> cluster.tenant("umbrella") == null);
        // the mock has no garbage collector: remove the deleted owner's reference as the real one would
        // (the operator may write the Deployment between our read and our update: on a conflict read it again)
        await().until(() -> removeOwner("psi-pool-shared", "umbrella"), removed -> removed);

        JsonNode config = await().until(() -> poolConfig("shared"), c -> c.get("tenants").size() == 1);
        assertThat(config.at("/tenants/0/tenant/name").asText()).isEqualTo("acme");
    }

    private boolean removeOwner(String deploymentName, String owner) {
        var deployment = cluster.deployment(deploymentName);
        deployment.getMetadata().getOwnerReferences().removeIf(r -> r.getName().equals(owner));
        try {
            cluster.client().apps().deployments().inNamespace(cluster.namespace()).resource(deployment).update();
            return true;
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private JsonNode poolConfig(String pool) throws Exception {
        var map = cluster.configMap("psi-pool-" + pool + "-config");
        return map == null ? null : JSON.readTree(map.getData().get("worker.json"));
    }

    private static List<OwnerReference> owners(HasMetadata object) {
        return object.getMetadata().getOwnerReferences();
    }

    private static Tenant pooled(String name, int weight) {
        Tenant tenant = tenant(name, inlineDataset(name + "@example.com\n"), QueryMode.PSI_CA);
        tenant.getSpec().getWorkers().setPool("shared");
        FairShare share = new FairShare();
        share.setWeight(weight);
        tenant.getSpec().setFairShare(share);
        return tenant;
    }
}
