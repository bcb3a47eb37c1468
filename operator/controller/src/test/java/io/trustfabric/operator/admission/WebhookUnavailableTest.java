package io.trustfabric.operator.admission;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static io.trustfabric.operator.admission.AdmissionClients.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.ChartRbac;
import io.trustfabric.operator.ChartWebhook;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the chart's webhook configuration means while no operator replica answers (docs/operator-guide.md): a new or
 * changed TrustPolicy is refused (failurePolicy Fail), but deleting one, removing its finalizers and editing its
 * labels still pass, and the other kinds are admitted (failurePolicy Ignore).
 */
@RealKubernetes
class WebhookUnavailableTest {

    private static final String HOLD = "test.trustfabric.io/hold";

    private WebhookServer untrusted;
    private KubernetesClient admin;

    @AfterEach
    void remove(TestCluster real) throws Exception {
        ChartWebhook.remove(real.admin());
        if (untrusted != null) {
            untrusted.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void onlyNewPolicyContentWaitsForTheOperator(TestCluster real) throws Exception {
        // the API server answers a failed webhook call with 500, which Fabric8 would retry for half a minute
        admin = new KubernetesClientBuilder().withConfig(new ConfigBuilder(real.admin().getConfiguration())
                .withRequestRetryBackoffLimit(0).build()).build();
        String namespace = real.createNamespace("webhook-down");
        TrustPolicy stored = policy("stored", "cap");
        stored.getMetadata().setFinalizers(new ArrayList<>(List.of(HOLD)));
        admin.resources(TrustPolicy.class).inNamespace(namespace).resource(stored).create();
        // the chart's configuration calling a server the API server cannot talk to: its certificate is not from the
        // CA of the caBundle (nothing listening at all has the same effect, after the API server's retries)
        TlsMaterial other = TlsMaterial.fromSecretData(WebhookTlsFixtures.issuedAgo(ChartRbac.RELEASE_NAMESPACE,
                Duration.ZERO).getData());
        RotatingKeyManager keys = new RotatingKeyManager();
        keys.use(other);
        untrusted = WebhookServer.start("127.0.0.1", 0, keys, new PolicyAdmission(Reviews.RULE_NAMES, ns -> true));
        ValidatingWebhookConfiguration configuration = ChartWebhook.forPort(untrusted.port());
        String caBundle = WebhookTlsFixtures.issuedAgo(ChartRbac.RELEASE_NAMESPACE, Duration.ZERO).getData()
                .get(TlsMaterial.CA_CRT);
        configuration.getWebhooks().forEach(w -> w.getClientConfig().setCaBundle(caBundle));
        ChartWebhook.remove(admin);
        admin.admissionRegistration().v1().validatingWebhookConfigurations().resource(configuration).create();
        var policies = admin.resources(TrustPolicy.class).inNamespace(namespace);
        await().until(() -> refusedForTheWebhook(() -> policies.resource(policy("new", "cap")).dryRun().create()));

        assertThat(refusedForTheWebhook(() -> AdmissionClients.update(admin, TrustPolicy.class, namespace, "stored",
                p -> {
                    p.getSpec().getRules().get(0).setName("changed");
                    return p;
                }))).as("a spec change is refused").isTrue();
        AdmissionClients.update(admin, TrustPolicy.class, namespace, "stored", p -> {
            p.getMetadata().setLabels(new HashMap<>(Map.of("team", "a")));
            return p;
        });
        Tenant tenant = tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA);
        tenant.getMetadata().setNamespace(namespace);
        assertThat(admin.resources(Tenant.class).inNamespace(namespace).resource(tenant).create().getMetadata()
                .getUid()).as("the other kinds fail open").isNotEmpty();

        policies.withName("stored").delete();
        AdmissionClients.update(admin, TrustPolicy.class, namespace, "stored", p -> {
            p.getMetadata().getFinalizers().remove(HOLD);
            return p;
        });
        await().until(() -> policies.withName("stored").get() == null);
        assertThatThrownBy(() -> policies.resource(policy("new", "cap")).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("failed calling webhook \"policies.lint.trustfabric.io\"");
    }

    private static boolean refusedForTheWebhook(Runnable write) {
        try {
            write.run();
            return false;
        } catch (KubernetesClientException e) {
            return e.getMessage().contains("failed calling webhook \"policies.lint.trustfabric.io\"");
        }
    }
}
