package io.trustfabric.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.worker.MutableClock;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 through real HTTP on both sides: a worker whose budget the operator refuses (409 invalid-budget,
 * 429 budget-exhausted, 503) sends it one lease request for many concurrent queries, none for the queries that
 * follow within the refusal memory, and keeps serving other requests while the lease request is pending.
 * Lease requests are counted at the stub; the memory is judged by a clock the test moves.
 */
class RefusalStormTest {
    static final int QUERIES = 40; // more than Vert.x's 20 worker threads

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private FakeLeaseServer control() throws Exception {
        return new FakeLeaseServer(1_000_000, Map.of("psi-ca", 100_000L), 100_000, Duration.ofSeconds(60), 10,
                Duration.ofSeconds(60));
    }

    @Test
    void concurrentQueriesForAnInvalidBudgetShareOneLeaseRequestAndTheLoopStaysFree() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        try (FakeLeaseServer control = control();
             BudgetedWorker worker = BudgetedWorker.start(files, control.url(), dir.resolve("r.log"),
                     UnaryOperator.identity(), clock)) {
            control.refuseLeases(409, "invalid-budget", null);
            control.holdLeaseRequests();
            List<CompletableFuture<HttpResponse<String>>> queries = new ArrayList<>();
            for (int i = 0; i < QUERIES; i++) {
                queries.add(query(worker));
            }
            assertThat(control.awaitLeaseRequest()).isTrue();

            // the lease request is pending: the worker's event loop still answers other requests
            HttpResponse<String> health = http.send(request(worker, "/healthz").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(queries).noneMatch(CompletableFuture::isDone); // nothing refused before the operator answered

            control.answerHeldLeaseRequests();
            for (CompletableFuture<HttpResponse<String>> query : queries) {
                assertBudgetUnavailable(query.get(60, TimeUnit.SECONDS));
            }
            assertThat(control.leaseRequests()).isEqualTo(1);

            // within the memory: refused at once, the operator is not asked
            for (int i = 0; i < QUERIES; i++) {
                assertBudgetUnavailable(query(worker).get(60, TimeUnit.SECONDS));
            }
            assertThat(control.leaseRequests()).isEqualTo(1);

            // after it: one request again
            clock.advance(Duration.ofSeconds(1));
            assertBudgetUnavailable(query(worker).get(60, TimeUnit.SECONDS));
            assertThat(control.leaseRequests()).isEqualTo(2);
            assertThat(control.liveLeases()).isZero();
        }
    }

    @Test
    void anExhaustedBudgetIsRememberedForTheOperatorsRetryAfterUpToTenSeconds() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        try (FakeLeaseServer control = control();
             BudgetedWorker worker = BudgetedWorker.start(files, control.url(), dir.resolve("r.log"),
                     UnaryOperator.identity(), clock)) {
            control.refuseLeases(429, "budget-exhausted", "86400");
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> refused = query(worker).get(60, TimeUnit.SECONDS);
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(new JsonObject(refused.body()).getString("type"))
                        .isEqualTo("https://trustfabric.io/problems/budget-exhausted");
            }
            assertThat(control.leaseRequests()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(9));
            assertThat(query(worker).get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(429);
            assertThat(control.leaseRequests()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            assertThat(query(worker).get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(429);
            assertThat(control.leaseRequests()).isEqualTo(2);
        }
    }

    @Test
    void anOperatorAnswering503IsAskedOncePerMemoryNotOncePerQuery() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        try (FakeLeaseServer control = control();
             BudgetedWorker worker = BudgetedWorker.start(files, control.url(), dir.resolve("r.log"),
                     UnaryOperator.identity(), clock)) {
            control.refuseLeases(503, "not-leader", "1");
            List<CompletableFuture<HttpResponse<String>>> queries = new ArrayList<>();
            for (int i = 0; i < QUERIES; i++) {
                queries.add(query(worker));
            }
            for (CompletableFuture<HttpResponse<String>> query : queries) {
                assertBudgetUnavailable(query.get(60, TimeUnit.SECONDS));
            }
            // one lease request, retried by the gateway as the contract says (3 attempts), for all the queries
            assertThat(control.leaseRequests()).isEqualTo(3);

            // the operator is back: after the memory the next query is answered from a new lease
            control.refuseLeases(0, null, null);
            assertBudgetUnavailable(query(worker).get(60, TimeUnit.SECONDS));
            assertThat(control.leaseRequests()).isEqualTo(3);
            clock.advance(Duration.ofSeconds(1));
            HttpResponse<String> answered = query(worker).get(60, TimeUnit.SECONDS);
            assertThat(answered.body()).contains("bad-point"); // reserved, then refused by the compute pool
            assertThat(control.leaseRequests()).isEqualTo(4);
        }
    }

    private static void assertBudgetUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(response.body()).getString("type"))
                .isEqualTo("https://trustfabric.io/problems/budget-unavailable");
    }

    private CompletableFuture<HttpResponse<String>> query(BudgetedWorker worker) {
        return http.sendAsync(request(worker, "/v1/psi-ca").header("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(BudgetRefusalTest.invalidQuery())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(BudgetedWorker worker, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.worker.port() + path))
                .timeout(Duration.ofSeconds(60)).header("X-TrustFabric-Api-Key", BudgetedWorker.API_KEY);
    }
}
