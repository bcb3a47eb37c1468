package io.trustfabric.operator.budget;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.ReceiptKey;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-tenant receipt signing key: Secret, mount, Tenant.status.receiptKey. */
@RealKubernetes
class ReceiptKeyTenantTest {

    private RealCluster cluster;

    @BeforeEach
    void start(TestCluster real) {
        cluster = RealCluster.start(real);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static String file(Secret secret, String name) {
        return new String(Base64.getDecoder().decode(secret.getData().get(name)), StandardCharsets.UTF_8);
    }

    @Test
    void aSecretWhosePublicKeyDoesNotMatchItsPrivateKeyIsNeverPublished() {
        ReceiptSigningKey one = ReceiptSigningKey.generate(new java.security.SecureRandom());
        ReceiptSigningKey other = ReceiptSigningKey.generate(new java.security.SecureRandom());
        Base64.Encoder b64 = Base64.getEncoder();
        Secret forged = new SecretBuilder().withNewMetadata().withName("acme-receipt-key").endMetadata()
                .withData(Map.of(
                        ReceiptKeySecretDependent.PRIVATE_KEY, b64.encodeToString(b64.encodeToString(one.privateKey()).getBytes()),
                        ReceiptKeySecretDependent.PUBLIC_KEY, b64.encodeToString(b64.encodeToString(other.publicKey()).getBytes()),
                        ReceiptKeySecretDependent.KEY_ID, b64.encodeToString("acme-x".getBytes())))
                .build();
        assertThat(ReceiptKeySecretDependent.publicHalf(forged)).isEmpty();
        assertThat(ReceiptKeySecretDependent.publicHalf(new SecretBuilder().build())).isEmpty();
    }

    @Test
    void eachTenantGetsAnEd25519KeyOncePublishedInStatusAndMountedIntoTheWorkers() {
        cluster.create(tenant("acme", inlineDataset("a@example.com\n"), QueryMode.PSI_CA));

        Secret secret = await().until(() -> cluster.secret("acme-receipt-key"), s -> s != null);
        assertThat(secret.getImmutable()).isTrue();
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getController()).isTrue());
        ReceiptSigningKey key = ReceiptSigningKey.fromPrivate(
                Base64.getDecoder().decode(file(secret, ReceiptKeySecretDependent.PRIVATE_KEY)));
        String publicKey = Base64.getEncoder().encodeToString(key.publicKey());
        assertThat(file(secret, ReceiptKeySecretDependent.PUBLIC_KEY)).isEqualTo(publicKey);
        assertThat(file(secret, ReceiptKeySecretDependent.KEY_ID)).isEqualTo(key.keyId("acme"));

        ReceiptKey published = await().until(() -> {
            Tenant t = cluster.tenant("acme");
            return t.getStatus() == null ? null : t.getStatus().getReceiptKey();
        }, k -> k != null);
        assertThat(published).isEqualTo(new ReceiptKey(key.keyId("acme"), publicKey));

        Deployment workers = await().until(() -> cluster.deployment("acme-psi"), d -> d != null
                && key.keyId("acme").equals(d.getSpec().getTemplate().getMetadata().getAnnotations()
                .get(ReceiptKeySecretDependent.KEY_ID_ANNOTATION)));
        Volume volume = workers.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null && "acme-receipt-key".equals(v.getSecret().getSecretName()))
                .findFirst().orElseThrow();
        assertThat(workers.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> {
                    assertThat(m.getName()).isEqualTo(volume.getName());
                    assertThat(m.getMountPath()).isEqualTo(ReceiptKeySecretDependent.MOUNT_DIR);
                    assertThat(m.getReadOnly()).isTrue();
                });

        // a spec change reconciles again: the key is never regenerated
        cluster.updateSpec(Tenant.class, "acme",
                current -> current.getSpec().setModes(new java.util.ArrayList<>(java.util.List.of(QueryMode.PSI_CA, QueryMode.PSI))));
        await().until(() -> cluster.tenant("acme").getStatus().getObservedGeneration(),
                g -> g.equals(cluster.tenant("acme").getMetadata().getGeneration()));
        assertThat(cluster.secret("acme-receipt-key").getData()).isEqualTo(secret.getData());
        assertThat(cluster.tenant("acme").getStatus().getReceiptKey()).isEqualTo(published);
    }
}
