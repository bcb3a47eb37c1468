package io.trustfabric.operator.policy.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BundleSigningKeySecretTest {

    private static final String NS = "trust-system";

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        var expectations = new HashMap<io.fabric8.mockwebserver.ServerRequest,
                java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private Secret secret() {
        return client.secrets().inNamespace(NS).withName(BundleSigningKeySecret.NAME).get();
    }

    private static String decoded(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    @Test
    void createsThePairOnceAndLoadsItAfterwards() {
        BundleSigningKey created = BundleSigningKeySecret.loadOrCreate(client, NS);
        Secret secret = secret();
        assertThat(secret).isNotNull();
        assertThat(secret.getImmutable()).isTrue();
        assertThat(decoded(secret, "public.pem")).isEqualTo(created.publicKeyPem());
        assertThat(decoded(secret, "private.pem")).isEqualTo(created.privateKeyPem());

        BundleSigningKey loaded = BundleSigningKeySecret.loadOrCreate(client, NS);
        assertThat(loaded.publicKeyPem()).isEqualTo(created.publicKeyPem());
        assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(secret.getMetadata().getResourceVersion());
    }

    @Test
    void loadsAPairSomeoneElseStored() {
        create(Map.of("private.pem", TestKeys.P256_PRIVATE, "public.pem", TestKeys.P256_PUBLIC));
        assertThat(BundleSigningKeySecret.loadOrCreate(client, NS).publicKeyPem()).isEqualTo(TestKeys.P256_PUBLIC);
    }

    @Test
    void aCorruptSecretIsAClearErrorAndIsLeftAlone() {
        for (Map<String, String> data : java.util.List.of(
                Map.of("public.pem", TestKeys.P256_PUBLIC),
                Map.of("private.pem", "garbage", "public.pem", TestKeys.P256_PUBLIC),
                Map.of("private.pem", TestKeys.P256_PRIVATE, "public.pem", TestKeys.P384_PUBLIC),
                Map.of("private.pem", TestKeys.P384_PRIVATE, "public.pem", TestKeys.P384_PUBLIC))) {
            client.secrets().inNamespace(NS).withName(BundleSigningKeySecret.NAME).delete();
            create(data);
            String version = secret().getMetadata().getResourceVersion();
            assertThatThrownBy(() -> BundleSigningKeySecret.loadOrCreate(client, NS))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(NS + "/" + BundleSigningKeySecret.NAME)
                    .hasMessageContaining("delete it");
            assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(version);
        }
    }

    private void create(Map<String, String> data) {
        Map<String, String> encoded = new HashMap<>();
        data.forEach((key, value) -> encoded.put(key,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata()
                .withName(BundleSigningKeySecret.NAME).withNamespace(NS).endMetadata().withData(encoded).build())
                .create();
    }
}
