package io.trustfabric.operator.contract;

import static io.trustfabric.operator.MockCluster.NAMESPACE;
import static io.trustfabric.operator.MockCluster.await;
import static io.trustfabric.operator.MockCluster.inlineDataset;
import static io.trustfabric.operator.MockCluster.secretDataset;
import static io.trustfabric.operator.MockCluster.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustFabric;
import io.trustfabric.operator.MockCluster;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.tenant.TenantConditions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the operator against what the Helm chart promises about it: every API call it makes is granted by
 * helm/src/test/resources/operator-rbac-contract.yaml, and it exposes the metric names the chart's alerts use
 * (helm/trust-fabric/files/metrics.yaml). The operator runs through its Tenant life cycle (valid, invalid,
 * paused, failing, deleted) with leader election on, so the calls of every path are recorded.
 */
class HelmChartContractTest {

    /** Every authenticated user may create it (system:basic-user); JOSDK uses it to check Lease permissions. */
    private static final ApiCall SELF_RULES_REVIEW =
            new ApiCall("authorization.k8s.io", "selfsubjectrulesreviews", "create");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static MockCluster cluster;
    private static Set<ApiCall> operatorCalls;
    private static String metrics;

    @BeforeAll
    static void runTheOperatorThroughATenantLifeCycle() throws Exception {
        cluster = MockCluster.start(OperatorSettings.local().withLeaderElection(true, "trust-system", "replica-a"));
        cluster.createDatasetSecret("items", "emails", "a@example.com\n");
        cluster.create(tenant("acme", secretDataset("items", "emails"), QueryMode.PSI_CA));
        cluster.create(tenant("broken", secretDataset("missing", "emails"), QueryMode.PSI_CA));
        await().until(() -> cluster.deployment("acme-psi"), d -> d != null);
        cluster.setDeploymentStatus("acme-psi", 1, 1);
        cluster.awaitCondition("acme", TenantConditions.READY, Condition::isTrue);
        cluster.awaitCondition("broken", TenantConditions.READY, c -> !c.isTrue());

        cluster.client().resources(Tenant.class).inNamespace(NAMESPACE).withName("acme").edit(t -> {
            t.getSpec().getWorkers().setReplicas(2);
            t.getMetadata().setAnnotations(new HashMap<>(Map.of(TrustFabric.PAUSED_ANNOTATION, "true")));
            return t;
        });
        cluster.awaitCondition("acme", TenantConditions.PAUSED, Condition::isTrue);
        cluster.client().resources(Tenant.class).inNamespace(NAMESPACE).withName("acme").edit(t -> {
            t.getMetadata().getAnnotations().remove(TrustFabric.PAUSED_ANNOTATION);
            return t;
        });
        await().until(() -> cluster.deployment("acme-psi"), d -> d.getSpec().getReplicas() == 2);

        cluster.server().expect().post().withPath("/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden by test").build()).always();
        cluster.create(tenant("refused", inlineDataset("a\n"), QueryMode.PSI_CA));
        cluster.awaitCondition("refused", TenantConditions.READY,
                c -> TenantConditions.REASON_RECONCILE_FAILED.equals(c.getReason()));
        cluster.client().resources(Tenant.class).inNamespace(NAMESPACE).withName("acme").delete();
        await().until(() -> cluster.tenant("acme") == null);

        // JOSDK counts a failed reconciliation only after updateErrorStatus has patched the condition awaited above
        metrics = await().until(HelmChartContractTest::scrapeMetrics,
                body -> body.lines().anyMatch(line -> line.startsWith("operator_sdk_reconciliations_failed_total{")
                        && line.contains("kind=\"Tenant\"")));
        operatorCalls = new HashSet<>();
        RecordedRequest request;
        while ((request = cluster.server().takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
            if (MockCluster.OPERATOR_USER_AGENT.equals(request.getHeader("User-Agent"))) {
                operatorCalls.add(ApiCall.of(request.getMethod(), request.getPath()));
            }
        }
    }

    private static String scrapeMetrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + cluster.operator().httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void everyApiCallOfTheOperatorIsGrantedByTheChartsRbacContract() throws Exception {
        Set<ApiCall> granted = grantedByContract();
        assertThat(operatorCalls).as("calls recorded").isNotEmpty()
                .contains(new ApiCall("apps", "deployments", "create"), new ApiCall("", "secrets", "create"),
                        new ApiCall("trustfabric.io", "tenants/status", "patch"),
                        new ApiCall("coordination.k8s.io", "leases", "create"));
        Set<ApiCall> notGranted = new HashSet<>(operatorCalls);
        notGranted.removeAll(granted);
        notGranted.remove(SELF_RULES_REVIEW);
        assertThat(notGranted).as("operator API calls the chart's RBAC does not grant").isEmpty();
        assertThat(operatorCalls).as("the key seed and data set Secrets are never updated or deleted")
                .noneMatch(c -> c.resource().equals("secrets") && Set.of("update", "patch", "delete").contains(c.verb()));
    }

    @Test
    void exposesEveryOperatorMetricTheChartQueries() throws Exception {
        JsonNode names = YAML.readTree(Path.of("../../helm/trust-fabric/files/metrics.yaml").toFile()).get("operator");
        assertThat(names).as("operator metric names in the chart").isNotEmpty();
        names.fields().forEachRemaining(entry -> {
            String name = entry.getValue().asText();
            String series = name.endsWith("_seconds") ? name + "_bucket{" : name + "{";
            assertThat(metrics.lines()).as(entry.getKey() + " = " + name)
                    .anyMatch(line -> line.startsWith(series) && line.contains("kind=\"Tenant\""));
        });
    }

    private static Set<ApiCall> grantedByContract() throws Exception {
        JsonNode contract = YAML.readTree(Path.of("../../helm/src/test/resources/operator-rbac-contract.yaml").toFile());
        Set<ApiCall> granted = new HashSet<>();
        for (JsonNode rule : contract.get("rules")) {
            for (JsonNode resource : rule.get("resources")) {
                for (JsonNode verb : rule.get("verbs")) {
                    granted.add(new ApiCall(rule.get("apiGroup").asText(), resource.asText(), verb.asText()));
                }
            }
        }
        return granted;
    }
}
