package io.trustfabric.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustFabric;
import io.trustfabric.operator.tenant.TenantConditions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The operator against a real API server (k3s): CRDs from crds/, server-side apply on, schema validation and
 * garbage collection real. Runs with -Pe2e; skipped (reported as such) where there is no Docker.
 */
@Tag("e2e")
@Testcontainers(disabledWithoutDocker = true)
class TenantOperatorE2ETest {

    private static final String NAMESPACE = "trust-e2e";

    @Container
    private static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    private static KubernetesClient client;
    private static TrustFabricOperator.Running operator;

    @BeforeAll
    static void startOperator() throws IOException {
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
        for (Path crd : crdFiles()) {
            try (InputStream in = Files.newInputStream(crd)) {
                client.load(in).serverSideApply();
            }
        }
        await().until(() -> {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                    .withName("tenants." + TrustFabric.GROUP).get();
            return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                    .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
        });
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).serverSideApply();
        operator = TrustFabricOperator.start(client, OperatorSettings.local().withServerSideApply(true));
    }

    @AfterAll
    static void stopOperator() {
        if (operator != null) {
            operator.stop();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void tenantGetsWorkersStatusAndIsGarbageCollected() {
        Tenant tenant = OperatorCluster.tenant("acme", OperatorCluster.inlineDataset("a@example.com\n"), QueryMode.PSI_CA);
        tenant.getMetadata().setNamespace(NAMESPACE);
        client.resource(tenant).create();

        Deployment deployment = await().until(() -> client.apps().deployments().inNamespace(NAMESPACE)
                .withName("acme-psi").get(), d -> d != null);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe()
                .getHttpGet().getPath()).isEqualTo("/readyz");
        Tenant reconciled = await().until(() -> client.resources(Tenant.class).inNamespace(NAMESPACE)
                .withName("acme").get(), t -> t.getStatus() != null
                && t.getStatus().condition(TenantConditions.READY).isPresent()
                && t.getStatus().condition(TenantConditions.WORKERS_AVAILABLE).isPresent());
        assertThat(reconciled.getStatus().getEndpoint()).isEqualTo("http://acme-psi." + NAMESPACE + ".svc:8080");
        assertThat(reconciled.getStatus().condition(TenantConditions.PAUSED)).get()
                .extracting(Condition::getStatus).isEqualTo(Condition.FALSE);

        client.resources(Tenant.class).inNamespace(NAMESPACE).withName("acme").delete();
        await().until(() -> client.apps().deployments().inNamespace(NAMESPACE).withName("acme-psi").get() == null
                && client.configMaps().inNamespace(NAMESPACE).withName("acme-psi-config").get() == null);
    }

    @Test
    void apiServerRejectsNegativeReplicasAndMissingModes() {
        GenericKubernetesResource negative = rawTenant("negative", Map.of(
                "modes", List.of("psi-ca"), "dataset", Map.of("inline", "a"), "workers", Map.of("replicas", -1)));
        assertThatThrownBy(() -> client.resource(negative).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422));

        GenericKubernetesResource noModes = rawTenant("no-modes", Map.of(
                "modes", List.of(), "dataset", Map.of("inline", "a")));
        assertThatThrownBy(() -> client.resource(noModes).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422));
    }

    private static GenericKubernetesResource rawTenant(String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(TrustFabric.API_VERSION).withKind("Tenant")
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }

    /** Every CRD file in crds/, whatever the generator named them. */
    private static List<Path> crdFiles() throws IOException {
        Path crds = Path.of("../../crds");
        assertThat(crds).as("crds/ directory with the generated CRDs").isDirectory();
        try (Stream<Path> files = Files.list(crds)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
            assertThat(yaml).as("CRD files in crds/").isNotEmpty()
                    .anySatisfy(p -> assertThat(p.getFileName().toString()).contains("tenants"));
            return yaml;
        }
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250));
    }
}
