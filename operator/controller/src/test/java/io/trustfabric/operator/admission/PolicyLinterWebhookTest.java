package io.trustfabric.operator.admission;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.admission.AdmissionClients.Kubectl;
import static io.trustfabric.operator.admission.AdmissionClients.policy;
import static io.trustfabric.operator.admission.AdmissionClients.policyYaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.controlplane.FreePort;
import io.trustfabric.operator.ChartRbac;
import io.trustfabric.operator.ChartWebhook;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The webhook as production wires it, with the operator's {@link io.trustfabric.operator.lint.PolicyLinter} on the live
 * cluster. The linter's rules are tested where they are written; here only that a valid policy passes through it.
 */
@RealKubernetes
class PolicyLinterWebhookTest {

    @Test
    void aValidPolicyIsAdmittedThroughThePolicyLinter(TestCluster real) throws Exception {
        int port = FreePort.pick();
        real.ensureNamespace(ChartRbac.RELEASE_NAMESPACE);
        try (RealCluster cluster = RealCluster.start(real, OperatorSettings.local()
                .withWebhook(WebhookSettings.loopback(port, ChartWebhook.NAME)))) {
            ChartWebhook.register(real.admin(), port);
            try {
                await().until(() -> ChartWebhook.hasCaBundle(real.admin(), cluster.operator().webhookCaBundle()));
                // the API server calls the webhook once it has seen the caBundle: retry the first (dry-run) write.
                // Valid means no lint error; the linter may warn (e.g. that no Tenant acme exists).
                await().ignoreExceptions().until(() -> {
                    real.admin().resources(TrustPolicy.class).inNamespace(cluster.namespace())
                            .resource(policy("valid", "cap")).dryRun().create();
                    return reviewed(cluster, "admitted") >= 1;
                });

                TrustPolicy created = real.admin().resources(TrustPolicy.class).inNamespace(cluster.namespace())
                        .resource(policy("valid", "cap")).create();
                assertThat(created.getMetadata().getUid()).isNotEmpty();
                // another tenant: one policy per tenant
                Kubectl kubectl = Kubectl.run(real, policyYaml(cluster.namespace(), "valid-by-kubectl", "cap")
                        .replace("tenantRef: acme", "tenantRef: globex"), "apply", "-f", "-");
                assertThat(kubectl.exitCode()).as(kubectl.stderr()).isZero();
                assertThat(reviewed(cluster, "admitted")).isGreaterThanOrEqualTo(3);
                assertThat(reviewed(cluster, "failed")).isZero();
            } finally {
                ChartWebhook.remove(real.admin());
            }
        }
    }

    /** trustfabric_admission_reviews_total of TrustPolicies with the verdict, from the operator's /metrics. */
    private static double reviewed(RealCluster cluster, String verdict) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + cluster.operator().httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines()
                .filter(line -> line.startsWith(AdmissionMetrics.REVIEWS + "{") && line.contains("kind=\"TrustPolicy\"")
                        && line.contains("verdict=\"" + verdict + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
