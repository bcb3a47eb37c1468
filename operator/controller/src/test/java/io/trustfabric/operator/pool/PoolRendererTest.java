package io.trustfabric.operator.pool;

import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.trustfabric.api.v1alpha1.FairShare;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.RateLimit;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.tenant.DatasetObservation;
import io.trustfabric.operator.tenant.WorkerConfigRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PoolRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PoolRenderer renderer = new PoolRenderer(OperatorSettings.local(),
            new WorkerConfigRenderer("http://trust-fabric-control.trust-system.svc:8090",
                    tenant -> false, "-----BEGIN PUBLIC KEY-----"));

    @Test
    void rendersTheMultiTenantExampleOfTheWorkerConfigContract() throws Exception {
        Tenant acme = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA);
        acme.getSpec().setLimitedGA(true);
        FairShare weight = new FairShare();
        weight.setWeight(2);
        acme.getSpec().setFairShare(weight);
        acme.getSpec().setDefaultPartnerRate(new RateLimit(20, 40));

        JsonNode rendered = JSON.readTree(renderer.workerJson("trust", "shared",
                List.of(new PoolMember(acme, DatasetObservation.inline(), "uid-1"))));

        assertThat(rendered).isEqualTo(multiTenantExample());
    }

    @Test
    void everyTenantGetsItsOwnOptionalVolumesAndEveryMemberOwnsThePool() {
        Tenant acme = tenant("acme", inlineDataset("a"), QueryMode.PSI_CA);
        acme.getMetadata().setUid("uid-acme");
        Tenant umbrella = tenant("umbrella", inlineDataset("u"), QueryMode.PSI_CA);
        umbrella.getMetadata().setUid("uid-umbrella");
        List<HasMetadata> objects = renderer.render("trust", "shared", List.of(
                new PoolMember(acme, DatasetObservation.inline(), "k1"),
                new PoolMember(umbrella, DatasetObservation.inline(), "k2")));

        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
                "ConfigMap/psi-pool-shared-config", "ServiceAccount/psi-pool-shared", "Service/psi-pool-shared",
                "Deployment/psi-pool-shared");
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getOwnerReferences())
                .extracting(r -> r.getUid() + ":" + r.getController())
                .containsExactly("uid-acme:false", "uid-umbrella:false"));
        Deployment deployment = (Deployment) objects.get(3);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().startsWith("t1-"))
                .extracting(v -> v.getName()).containsExactly("t1-dataset", "t1-key", "t1-token", "t1-partners");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null)
                .allSatisfy(v -> assertThat(v.getSecret().getOptional()).isTrue());
        assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("t1-key");
            assertThat(m.getMountPath()).isEqualTo("/var/run/trustfabric/tenants/umbrella/key");
        });
        assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();

        var opa = pod.getContainers().get(1);
        assertThat(opa.getName()).isEqualTo("opa");
        assertThat(opa.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getMountPath()).containsExactly(
                "opa-config:/etc/trustfabric/opa", "t0-token:/var/run/trustfabric/tenants/acme/control",
                "t1-token:/var/run/trustfabric/tenants/umbrella/control");
        String opaConfig = ((io.fabric8.kubernetes.api.model.ConfigMap) objects.get(0)).getData().get("opa.yaml");
        assertThat(opaConfig).contains("\"tenant-acme\"", "\"tenant-umbrella\"",
                "/var/run/trustfabric/tenants/umbrella/control/token");
    }

    /** The JSON block of docs/worker-config.md that shows the multi-tenant form. */
    private static JsonNode multiTenantExample() throws Exception {
        String doc = Files.readString(Path.of("../../docs/worker-config.md"));
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        while (block.find()) {
            if (block.group(1).contains("\"tenants\"")) {
                return JSON.readTree(block.group(1));
            }
        }
        throw new AssertionError("docs/worker-config.md has no multi-tenant example");
    }
}
