package io.trustfabric.worker;

import static io.trustfabric.worker.PolicyQueries.elementsProcessed;
import static io.trustfabric.worker.PolicyQueries.psiCa;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy gate without a real OPA: no engine configured, an engine that never answers, and what is sent. */
class PolicyWithoutOpaTest {
    private static final List<String> SERVER_ITEMS = List.of("alice", "bob", "carol");
    private static final List<String> PARTNER_ITEMS = List.of("bob", "carol", "dave");

    @TempDir
    Path dir;

    private WorkerFixture worker(boolean trustPolicy, JsonObject policy) throws Exception {
        JsonObject config = WorkerFixture.config(dir, SERVER_ITEMS);
        config.getJsonObject("tenant").put("trustPolicy", trustPolicy);
        if (policy != null) {
            config.put("policy", policy);
        }
        return WorkerFixture.startReady(dir, config);
    }

    @Test
    void aTenantUnderATrustPolicyIsNeverAnsweredWithoutAnEngine() throws Exception {
        try (WorkerFixture worker = worker(true, null)) {
            HttpResponse<String> refused = psiCa(worker, WorkerFixture.API_KEY, PARTNER_ITEMS);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(refused.body()).getString("type"))
                    .isEqualTo("https://trustfabric.io/problems/policy-unavailable");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(elementsProcessed(worker)).isZero();
        }
    }

    @Test
    void aTenantWithoutATrustPolicyIsAnsweredWithAWarningWithoutAnEngine() throws Exception {
        try (WorkerFixture worker = worker(false, null)) {
            HttpResponse<String> answer = psiCa(worker, WorkerFixture.API_KEY, PARTNER_ITEMS);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().allValues("Warning"))
                    .containsExactly("299 trust-fabric \"no policy engine: tenant has no TrustPolicy\"");
            assertThat(answer.headers().firstValue("X-TrustFabric-Policy-Decision")).isEmpty();
            assertThat(elementsProcessed(worker)).isEqualTo(PARTNER_ITEMS.size());
            assertThat(worker.client().cardinality(PARTNER_ITEMS)).isEqualTo(2);
        }
    }

    @Test
    void anEngineThatNeverAnswersIsATimeoutAnd503() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // reads nothing, answers nothing
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            JsonObject policy = new JsonObject().put("opaUrl", "http://127.0.0.1:" + silent.getLocalPort())
                    .put("timeoutMillis", 200);
            try (WorkerFixture worker = worker(true, policy)) {
                HttpResponse<String> refused = psiCa(worker, WorkerFixture.API_KEY, PARTNER_ITEMS);

                assertThat(refused.statusCode()).isEqualTo(503);
                JsonObject problem = new JsonObject(refused.body());
                assertThat(problem.getString("type")).isEqualTo("https://trustfabric.io/problems/policy-unavailable");
                assertThat(problem.getString("detail")).contains("did not answer within 200 ms");
                assertThat(held).isNotEmpty();
                assertThat(elementsProcessed(worker)).isZero();
                assertThat(PolicyQueries.metric(worker, "trustfabric_psi_policy_decisions_total")).isEqualTo(1);
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void theDecisionInputIsExactlyTheContractsMetadata() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer opa = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        opa.createContext("/v1/data/trustfabric/decision/result", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = ("{\"decision_id\":\"d-" + bodies.size() + "\",\"result\":{\"allow\":true,"
                    + "\"tenant\":\"acme\",\"revision\":1}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        opa.start();
        try (WorkerFixture worker = worker(true, new JsonObject()
                .put("opaUrl", "http://127.0.0.1:" + opa.getAddress().getPort()))) {
            assertThat(psiCa(worker, WorkerFixture.API_KEY, PARTNER_ITEMS).statusCode()).isEqualTo(200);
            assertThat(psiCa(worker, WorkerFixture.API_KEY, List.of("erin")).statusCode()).isEqualTo(200);
        } finally {
            opa.stop(0);
        }
        assertThat(bodies).hasSize(2);
        JsonObject request = new JsonObject(bodies.get(1));
        assertThat(request.fieldNames()).containsExactly("input");
        JsonObject input = request.getJsonObject("input");
        assertThat(paths(input, "")).containsExactlyInAnyOrder(
                "tenant.namespace", "tenant.name", "tenant.modes", "tenant.contractFlags", "tenant.normalization",
                "partner.id", "partner.region", "partner.contractFlags", "partner.modes",
                "query.mode", "query.setSize", "query.normalization",
                "volume.hour.queries", "volume.hour.elements", "volume.day.queries", "volume.day.elements",
                "budget.enforced", "time");
        assertThat(input.getJsonObject("tenant")).isEqualTo(new JsonObject().put("namespace", "trust")
                .put("name", "acme").put("modes", new io.vertx.core.json.JsonArray().add("psi-ca").add("psi"))
                .put("contractFlags", new io.vertx.core.json.JsonArray().add("eu-data")).put("normalization", "none"));
        assertThat(input.getJsonObject("partner")).isEqualTo(new JsonObject().put("id", "globex")
                .put("region", "eu-west-1").put("contractFlags", new io.vertx.core.json.JsonArray().add("partner-globex"))
                .put("modes", new io.vertx.core.json.JsonArray().add("psi-ca").add("psi")));
        assertThat(input.getJsonObject("query")).isEqualTo(new JsonObject().put("mode", "psi-ca").put("setSize", 1)
                .put("normalization", "none"));
        // the first query (3 elements) was answered before the second was asked about
        assertThat(input.getJsonObject("volume")).isEqualTo(new JsonObject()
                .put("hour", new JsonObject().put("queries", 1).put("elements", 3))
                .put("day", new JsonObject().put("queries", 1).put("elements", 3)));
        assertThat(input.getJsonObject("budget")).isEqualTo(new JsonObject().put("enforced", false));
        assertThat(java.time.Instant.parse(input.getString("time"))).isNotNull();
        for (String body : bodies) {
            for (String item : List.of("alice", "bob", "carol", "dave", "erin")) {
                assertThat(body).doesNotContain(item);
            }
        }
    }

    /** Every leaf's dotted path (arrays are leaves). */
    private static Set<String> paths(JsonObject json, String prefix) {
        Set<String> paths = new TreeSet<>();
        for (String name : json.fieldNames()) {
            Object value = json.getValue(name);
            if (value instanceof JsonObject nested) {
                paths.addAll(paths(nested, prefix + name + "."));
            } else {
                paths.add(prefix + name);
            }
        }
        return paths;
    }
}
