package io.trustfabric.operator.http;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealKubernetes
class OperatorEndpointsTest {

    private static RealCluster cluster;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start(TestCluster real) {
        cluster = RealCluster.start(real);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void healthAndReadinessAnswerOk() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("ready");
    }

    @Test
    void metricsCountReconciliationsByKind() throws Exception {
        cluster.create(tenant("metered", inlineDataset("a\n"), QueryMode.PSI_CA));
        await().until(() -> cluster.deployment("metered-psi"), d -> d != null);

        HttpResponse<String> metrics = await().until(() -> get("/metrics"),
                r -> r.body().contains("operator_sdk_reconciliations_started_total{kind=\"Tenant\"}"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(metrics.body())
                .contains("operator_sdk_reconciliation_duration_seconds_bucket{kind=\"Tenant\",operation=\"reconcile\",result=\"success\"")
                .contains("operator_sdk_controllers_registered 6") // Tenant, PartnerAllowlist, PrivacyBudget, PolicyMacro, TrustPolicy, WhatIfScenario
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void otherMethodsAreRefused() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + cluster.operator().httpPort() + path);
    }
}
