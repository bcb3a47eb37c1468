package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded mock's snapshot: what survives a save and a restore into a new mock. */
class MockStateTest {

    @TempDir
    Path tmp;

    @Test
    void theMockDropsStatusOnCreateSoRestoreSetsItThroughTheStatusSubresource() throws Exception {
        Path file = tmp.resolve(MockState.FILE);
        String tenantUid;
        String created;
        try (MockApiServer first = MockApiServer.start(0)) {
            KubernetesClient client = first.client();
            CrdInstaller.install(client);
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("trust").endMetadata()
                    .build()).create();
            GenericKubernetesResource tenant = tenants(client).resource(object("Tenant", "acme",
                    Map.of("spec", Map.of("modes", List.of("psi-ca"), "dataset", Map.of("inline", "a@example.com")),
                            "status", Map.of("receiptKey", Map.of("publicKey", "PUB"))))).create();
            assertThat(tenant.getAdditionalProperties()).as("the mock drops status on create").doesNotContainKey("status");
            tenant.getAdditionalProperties().put("status", Map.of("receiptKey", Map.of("publicKey", "PUB")));
            tenants(client).resource(tenant).updateStatus();
            tenantUid = tenant.getMetadata().getUid();
            client.secrets().inNamespace("trust").resource(new SecretBuilder().withNewMetadata()
                    .withName("acme-receipt-key").withNamespace("trust").withOwnerReferences(new OwnerReferenceBuilder()
                            .withApiVersion("trustfabric.io/v1alpha1").withKind("Tenant").withName("acme")
                            .withUid(tenantUid).withController(true).build()).endMetadata()
                    .withData(Map.of("key", "U0VDUkVU")).build()).create();
            created = tenants(client).withName("acme").get().getMetadata().getCreationTimestamp();
            assertThat(MockState.save(client, file)).isGreaterThanOrEqualTo(3);
        }
        Thread.sleep(1100); // the mock stamps creation times in whole seconds

        try (MockApiServer second = MockApiServer.start(0)) {
            KubernetesClient client = second.client();
            CrdInstaller.install(client);
            MockState.Restored restored = MockState.restore(second, file);
            assertThat(restored.problem()).isNull();
            assertThat(restored.resumed()).isTrue();
            GenericKubernetesResource tenant = tenants(client).withName("acme").get();
            assertThat(tenant.getAdditionalProperties().get("status"))
                    .isEqualTo(Map.of("receiptKey", Map.of("publicKey", "PUB")));
            assertThat(tenant.getMetadata().getCreationTimestamp()).isEqualTo(created);
            assertThat(tenant.getMetadata().getUid()).isNotEqualTo(tenantUid);
            var secret = client.secrets().inNamespace("trust").withName("acme-receipt-key").get();
            assertThat(secret.getData()).isEqualTo(Map.of("key", "U0VDUkVU"));
            assertThat(secret.getMetadata().getOwnerReferences().get(0).getUid())
                    .isEqualTo(tenant.getMetadata().getUid());
        }
    }

    @Test
    void aCorruptSnapshotRestoresNothingAndSaysWhy() throws Exception {
        Path file = Files.writeString(tmp.resolve(MockState.FILE), "{\"version\": 1, \"objects\": [");
        try (MockApiServer server = MockApiServer.start(0)) {
            CrdInstaller.install(server.client());
            MockState.Restored restored = MockState.restore(server, file);
            assertThat(restored.resumed()).isFalse();
            assertThat(restored.problem()).isNotBlank();
            assertThat(MockState.restore(server, tmp.resolve("missing.json"))).isEqualTo(new MockState.Restored(0, null));
        }
    }

    private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> tenants(KubernetesClient client) {
        return client.genericKubernetesResources("trustfabric.io/v1alpha1", "Tenant").inNamespace("trust");
    }

    private static GenericKubernetesResource object(String kind, String name, Map<String, Object> extra) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion("trustfabric.io/v1alpha1");
        object.setKind(kind);
        object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name)
                .withNamespace("trust").build());
        object.getAdditionalProperties().put("spec", Map.of());
        object.getAdditionalProperties().putAll(extra);
        return object;
    }
}
