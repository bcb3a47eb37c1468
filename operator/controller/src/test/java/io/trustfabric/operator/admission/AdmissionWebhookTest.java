package io.trustfabric.operator.admission;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.admission.AdmissionClients.Kubectl;
import static io.trustfabric.operator.admission.AdmissionClients.policy;
import static io.trustfabric.operator.admission.AdmissionClients.policyYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.PolicyMacroSpec;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.controlplane.FreePort;
import io.trustfabric.operator.ChartRbac;
import io.trustfabric.operator.ChartWebhook;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lint as you type on the real API server: the operator (as the chart's service account, with the chart's RBAC) serves
 * the webhook, and the chart's ValidatingWebhookConfiguration calls it at https://127.0.0.1:port. The linter is the
 * test's: a rule named bad-... is an error, risky-... a warning ({@link Reviews#RULE_NAMES}).
 */
@RealKubernetes
class AdmissionWebhookTest {

    private static final String HOLD = "test.trustfabric.io/hold";

    private static RealCluster cluster;
    private static int port;
    private static AdmissionClients.WarningRecorder recorder;
    private static KubernetesClient author;

    @BeforeAll
    static void startTheOperatorWithItsWebhook(TestCluster real) {
        port = FreePort.pick();
        real.ensureNamespace(ChartRbac.RELEASE_NAMESPACE);
        real.admin().secrets().inNamespace(ChartRbac.RELEASE_NAMESPACE).withName(WebhookTlsSecret.NAME).delete();
        cluster = RealCluster.start(real, OperatorSettings.local()
                .withWebhook(WebhookSettings.loopback(port, ChartWebhook.NAME)), Reviews.RULE_NAMES);
        ChartWebhook.register(real.admin(), port);
        recorder = new AdmissionClients.WarningRecorder();
        author = recorder.adminClient(real);
        await().until(() -> ChartWebhook.hasCaBundle(real.admin(), cluster.operator().webhookCaBundle()));
        AdmissionClients.awaitWebhookLive(author, cluster.namespace());
    }

    @AfterAll
    static void stop(TestCluster real) {
        try {
            ChartWebhook.remove(real.admin());
        } finally {
            if (author != null) {
                author.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @BeforeEach
    void forgetWarnings() {
        recorder.clear();
    }

    @Test
    void aPolicyWithALintErrorIsRefusedWithTheFindingsMessageCodeAndFix(TestCluster real) {
        assertThatThrownBy(() -> author.resources(TrustPolicy.class).inNamespace(cluster.namespace())
                .resource(policy("refused", "cap", "bad-size")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                    assertThat(e.getStatus().getMessage()).contains(
                            "admission webhook \"policies.lint.trustfabric.io\" denied the request: TrustPolicy "
                                    + cluster.namespace() + "/refused has 1 lint error:\n"
                                    + "- spec.rules[1].name: rule bad-size is bad [bad-rule-name] (fix: rename the rule)");
                });
        assertThat(author.resources(TrustPolicy.class).inNamespace(cluster.namespace()).withName("refused").get())
                .isNull();

        Kubectl kubectl = Kubectl.run(real, policyYaml(cluster.namespace(), "refused", "bad-size"), "apply", "-f", "-");
        assertThat(kubectl.exitCode()).isNotZero();
        assertThat(kubectl.stderr()).contains("denied the request: TrustPolicy " + cluster.namespace()
                + "/refused has 1 lint error:").contains("rule bad-size is bad [bad-rule-name] (fix: rename the rule)");
    }

    @Test
    void aRiskyPolicyIsAdmittedAndTheWarningReachesFabric8AndKubectl(TestCluster real) {
        TrustPolicy created = author.resources(TrustPolicy.class).inNamespace(cluster.namespace())
                .resource(policy("risky", "risky-size")).create();

        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(recorder.warnings()).singleElement().asString()
                .contains("risky-rule-name: spec.rules[0].name: rule risky-size is risky");

        Kubectl kubectl = Kubectl.run(real, policyYaml(cluster.namespace(), "risky-by-kubectl", "risky-size"),
                "apply", "-f", "-");
        assertThat(kubectl.exitCode()).as(kubectl.stderr()).isZero();
        assertThat(kubectl.stdout()).contains("trustpolicy.trustfabric.io/risky-by-kubectl created");
        assertThat(kubectl.stderr()).contains("Warning: risky-rule-name: spec.rules[0].name: rule risky-size is risky");
    }

    @Test
    void aCleanPolicyIsAdmittedWithoutWarnings() {
        author.resources(TrustPolicy.class).inNamespace(cluster.namespace()).resource(policy("clean", "cap")).create();

        assertThat(recorder.warnings()).isEmpty();
    }

    @Test
    void aCaBundleEmptiedBySomeoneElseIsRestored(TestCluster real) {
        String bundle = cluster.operator().webhookCaBundle();
        real.admin().admissionRegistration().v1().validatingWebhookConfigurations().withName(ChartWebhook.NAME)
                .patch(PatchContext.of(PatchType.JSON), """
                        [{"op": "replace", "path": "/webhooks/0/clientConfig/caBundle", "value": ""},
                         {"op": "remove", "path": "/webhooks/1/clientConfig/caBundle"}]""");

        await().until(() -> ChartWebhook.hasCaBundle(real.admin(), bundle));
        AdmissionClients.awaitWebhookLive(author, cluster.namespace());
        assertThat(real.admin().admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(ChartWebhook.NAME).get().getWebhooks()).extracting(w -> w.getClientConfig().getUrl())
                .as("only the caBundle was written").containsOnly("https://127.0.0.1:" + port + "/validate");
    }

    @Test
    void aPolicyMacroUpdateIsLintedToo(TestCluster real) {
        PolicyMacro macro = userMacro("webhook-test", "a macro for the webhook test");
        author.resource(macro).create();
        try {
            assertThatThrownBy(() -> AdmissionClients.update(author, PolicyMacro.class, null, "webhook-test-v1", m -> {
                m.getSpec().setDescription("bad-description");
                return m;
            })).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                assertThat(e.getCode()).isEqualTo(422);
                assertThat(e.getStatus().getMessage()).contains("PolicyMacro webhook-test-v1 has 1 lint error:\n"
                        + "- spec.description: description bad-description is bad [bad-description]");
            });
            assertThat(real.admin().resources(PolicyMacro.class).withName("webhook-test-v1").get().getSpec()
                    .getDescription()).isEqualTo("a macro for the webhook test");

            AdmissionClients.update(author, PolicyMacro.class, null, "webhook-test-v1", m -> {
                m.getSpec().setDescription("risky-description");
                return m;
            });
            assertThat(recorder.warnings()).anySatisfy(w -> assertThat(w)
                    .contains("risky-description: spec.description: description risky-description is risky"));
        } finally {
            real.admin().resources(PolicyMacro.class).withName("webhook-test-v1").delete();
        }
    }

    @Test
    void anObjectStoredWithErrorsCanStillBeLabelledDeletedAndReleasedByItsFinalizer(TestCluster real) {
        // stored while no webhook was registered, e.g. before the release that added it
        ChartWebhook.remove(real.admin());
        TrustPolicy old = policy("stored-before-lint", "bad-old");
        old.getMetadata().setFinalizers(new ArrayList<>(List.of(HOLD)));
        author.resources(TrustPolicy.class).inNamespace(cluster.namespace()).resource(old).create();
        ChartWebhook.register(real.admin(), port);
        await().until(() -> ChartWebhook.hasCaBundle(real.admin(), cluster.operator().webhookCaBundle()));
        AdmissionClients.awaitWebhookLive(author, cluster.namespace());
        var stored = author.resources(TrustPolicy.class).inNamespace(cluster.namespace())
                .withName("stored-before-lint");

        assertThatThrownBy(() -> AdmissionClients.update(author, TrustPolicy.class, cluster.namespace(),
                "stored-before-lint", p -> {
                    p.getSpec().getRules().get(0).setName("bad-new");
                    return p;
                })).as("a spec change is linted").isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("[bad-rule-name]");
        AdmissionClients.update(author, TrustPolicy.class, cluster.namespace(), "stored-before-lint", p -> {
            p.getMetadata().setLabels(new HashMap<>(Map.of("team", "a")));
            return p;
        });

        stored.delete();
        assertThat(stored.get().getMetadata().getDeletionTimestamp()).isNotNull();
        AdmissionClients.update(author, TrustPolicy.class, cluster.namespace(), "stored-before-lint", p -> {
            p.getMetadata().getFinalizers().remove(HOLD);
            return p;
        });
        await().until(() -> stored.get() == null);
    }

    private static PolicyMacro userMacro(String name, String description) {
        PolicyMacro builtIn = author.resources(PolicyMacro.class).withName("set-size-cap-v1").get();
        PolicyMacro macro = new PolicyMacro();
        macro.setMetadata(new ObjectMetaBuilder().withName(name + "-v1").build());
        PolicyMacroSpec spec = new PolicyMacroSpec();
        spec.setMacro(name);
        spec.setVersion(1);
        spec.setDescription(description);
        spec.setParameters(builtIn.getSpec().getParameters());
        spec.setRego(builtIn.getSpec().getRego().replace("set-size-cap", name));
        macro.setSpec(spec);
        return macro;
    }
}
