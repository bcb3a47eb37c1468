package io.trustfabric.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.operator.control.ControlRoutes;
import io.trustfabric.operator.control.ControlServer;
import io.trustfabric.operator.control.LeaderStatus;
import io.trustfabric.operator.control.WorkerTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lease endpoints over HTTP, behind the control server's worker-token authentication and leader check. */
@RealKubernetes
class LeaseRoutesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACME_TOKEN = "Bearer acme-token";
    private static final String LEASE = "{\"holder\":\"acme-psi-0\",\"partner\":\"initech\",\"requestMicroEpsilon\":100000}";

    private Map<String, String> tokens;
    private String ACME;
    private String GLOBEX_TENANT;
    private final WorkerTokens directory = (namespace, tenant, presented) -> {
        if (presented.equals(tokens.get(namespace + "/" + tenant))) {
            return WorkerTokens.Verdict.THIS_TENANT;
        }
        return tokens.containsValue(presented) ? WorkerTokens.Verdict.OTHER_TENANT : WorkerTokens.Verdict.UNKNOWN;
    };
    private final LeaderStatus leader = LeaderStatus.elected();
    private BudgetFixture fixture;
    private ControlServer server;

    @BeforeEach
    void start(TestCluster cluster) throws Exception {
        fixture = new BudgetFixture(cluster);
        tokens = Map.of(fixture.ns + "/acme", "acme-token", fixture.ns + "/globex", "globex-token");
        ACME = "/control/v1/namespaces/" + fixture.ns + "/tenants/acme";
        GLOBEX_TENANT = "/control/v1/namespaces/" + fixture.ns + "/tenants/globex";
        leader.callbacks().onStartLeading();
        server = ControlServer.start("127.0.0.1", 0, LeaseRoutes.register(new ControlRoutes(), fixture.leases),
                directory, leader);
        fixture.create(BudgetFixture.budget("acme-all", "acme", null, "1.0", "0.1", null));
    }

    @AfterEach
    void stop() {
        server.close();
        fixture.close();
    }

    @Test
    void withoutAValidTokenOfTheTenantNothingIsGranted() throws Exception {
        assertProblem(send("POST", ACME + "/leases", LEASE, null), 401, "unauthorized");
        assertProblem(send("POST", ACME + "/leases", LEASE, "Bearer guessed"), 401, "unauthorized");
        assertProblem(send("POST", ACME + "/leases", LEASE, "Bearer globex-token"), 403, "forbidden");
        assertThat(fixture.get("acme-all").getStatus()).isNull();
    }

    @Test
    void aFollowerAnswers503NotLeaderAndGrantsNothing() throws Exception {
        leader.callbacks().onStopLeading();
        HttpResponse<String> response = send("POST", ACME + "/leases", LEASE, ACME_TOKEN);
        assertProblem(response, 503, "not-leader");
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(fixture.get("acme-all").getStatus()).isNull();
    }

    @Test
    void malformedBodiesAre400() throws Exception {
        assertProblem(send("POST", ACME + "/leases", "not json", ACME_TOKEN), 400, "invalid-request");
        assertProblem(send("POST", ACME + "/leases", "{\"holder\":\"p\",\"partner\":\"x\",\"requestMicroEpsilon\":0.5}",
                ACME_TOKEN), 400, "invalid-request");
        assertProblem(send("POST", ACME + "/leases", "{\"holder\":\"p\",\"partner\":\"x\",\"requestMicroEpsilon\":\"5\"}",
                ACME_TOKEN), 400, "invalid-request");
        assertProblem(send("POST", ACME + "/leases", "{\"holder\":\"p\"}", ACME_TOKEN), 400, "invalid-request");
        assertProblem(send("POST", ACME + "/leases", "null", ACME_TOKEN), 400, "invalid-request");
        assertThat(fixture.get("acme-all").getStatus()).isNull();
    }

    @Test
    void aLeaseIsGrantedReportedRenewedAndReleasedOverHttp() throws Exception {
        HttpResponse<String> granted = send("POST", ACME + "/leases", LEASE, ACME_TOKEN);
        assertThat(granted.statusCode()).isEqualTo(201);
        JsonNode grant = JSON.readTree(granted.body());
        String id = grant.get("leaseId").asText();
        assertThat(grant.get("grantedMicroEpsilon").asLong()).isEqualTo(100_000);
        assertThat(grant.get("budget").asText()).isEqualTo("acme-all");
        assertThat(grant.get("cost").get("psi-ca").asLong()).isEqualTo(100_000);
        assertThat(grant.get("cost").has("psi")).isFalse();
        assertThat(grant.get("periodEnd").asText()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(grant.get("spendMarginSeconds").asLong()).isEqualTo(LeaseService.SPEND_MARGIN.toSeconds());

        HttpResponse<String> receipts = send("POST", ACME + "/leases/" + id + "/receipts",
                "{\"spentMicroEpsilon\":100000,\"receipts\":{\"count\":1,\"chainHead\":\"sha256:ab\",\"last\":[\"r1\"]}}",
                ACME_TOKEN);
        assertThat(receipts.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(receipts.body()).get("spentMicroEpsilon").asLong()).isEqualTo(100_000);
        assertThat(send("POST", ACME + "/leases/" + id + "/renew", "", ACME_TOKEN).statusCode()).isEqualTo(200);
        assertProblem(send("POST", ACME + "/leases/" + id + "/receipts", "{\"spentMicroEpsilon\":50000}", ACME_TOKEN),
                422, "invalid-report");

        HttpResponse<String> released = send("DELETE", ACME + "/leases/" + id, "", ACME_TOKEN);
        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(released.body()).get("remainingMicroEpsilon").asLong()).isEqualTo(900_000);
        var status = fixture.get("acme-all").getStatus();
        assertThat(status.getReceipts().getCount()).isEqualTo(1);
        assertThat(status.getReceipts().getLast()).containsExactly("r1");
        assertThat(status.getMicroEpsilon().getConsumed()).isEqualTo(100_000);
    }

    @Test
    void sampledReceiptsAreBoundedAndCheckedOnlyOnceTheReportIsStored() throws Exception {
        String id = JSON.readTree(send("POST", ACME + "/leases", LEASE, ACME_TOKEN).body()).get("leaseId").asText();
        assertProblem(send("POST", ACME + "/leases/" + id + "/receipts",
                "{\"receipts\":{\"count\":5,\"sample\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}}", ACME_TOKEN),
                400, "invalid-request");
        java.util.List<String> checked = new java.util.concurrent.CopyOnWriteArrayList<>();
        LeaseService sampling = new LeaseService(new BudgetResolver(fixture.client), fixture.store,
                (namespace, tenant, leaseId, receipts) -> checked.add(tenant + " " + leaseId + " " + receipts.sample()));
        sampling.report(fixture.ns, "acme", id, new LeaseMessages.LeaseReport(100_000L,
                new LeaseMessages.ReceiptReport(1L, "sha256:ab", java.util.List.of(), java.util.List.of("r1"))), false);
        assertThat(checked).containsExactly("acme " + id + " [r1]");
        sampling.report(fixture.ns, "acme", id, new LeaseMessages.LeaseReport(100_000L,
                new LeaseMessages.ReceiptReport(1L, "sha256:ab", java.util.List.of())), false);
        assertThat(checked).as("a report without a sample (an older worker) checks nothing").hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sampling.report(fixture.ns, "acme", id,
                new LeaseMessages.LeaseReport(50_000L, new LeaseMessages.ReceiptReport(2L, "sha256:cd",
                        java.util.List.of(), java.util.List.of("r2"))), false)).isInstanceOf(LeaseRefusal.class);
        assertThat(checked).as("a refused report's sample is not checked").hasSize(1);
    }

    @Test
    void anotherTenantCannotTouchTheLeaseEvenWithItsOwnValidToken() throws Exception {
        String id = JSON.readTree(send("POST", ACME + "/leases", LEASE, ACME_TOKEN).body()).get("leaseId").asText();
        assertProblem(send("DELETE", GLOBEX_TENANT + "/leases/" + id, "", "Bearer globex-token"), 404, "unknown-lease");
        assertProblem(send("DELETE", ACME + "/leases/" + id, "", "Bearer globex-token"), 403, "forbidden");
        assertThat(fixture.get("acme-all").getStatus().getLeases()).hasSize(1);
    }

    @Test
    void exhaustionIs429WithRetryAfterAndThePeriodEnd() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(send("POST", ACME + "/leases", LEASE, ACME_TOKEN).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> refused = send("POST", ACME + "/leases", LEASE, ACME_TOKEN);
        assertProblem(refused, 429, "budget-exhausted");
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.get("periodEnd").asText()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(body.get("remainingMicroEpsilon").asLong()).isZero();
        assertThat(refused.headers().firstValue("Retry-After")).get().matches(v -> Long.parseLong(v) > 0);
    }

    @Test
    void aPartnerWithoutABudgetIs404NoBudget() throws Exception {
        assertProblem(send("POST", GLOBEX_TENANT + "/leases", LEASE, "Bearer globex-token"), 404, "no-budget");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String name) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("https://trustfabric.io/problems/control/" + name);
        assertThat(body.get("detail").asText()).isNotBlank();
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
