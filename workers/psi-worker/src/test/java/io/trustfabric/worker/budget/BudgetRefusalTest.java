package io.trustfabric.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.client.PsiServerException;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a query is refused for budget reasons: nothing is computed, nothing is charged. */
class BudgetRefusalTest {
    static final long COST = 100_000;

    @TempDir
    Path dir;

    private FakeLeaseServer control(long epsilon, Map<String, Long> cost) throws Exception {
        return new FakeLeaseServer(epsilon, cost, COST, Duration.ofSeconds(60), 10, Duration.ofSeconds(60));
    }

    @Test
    void controlApiUnreachableAndNoLeaseIsRefusedWith503BudgetUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        try (BudgetedWorker worker = BudgetedWorker.start(files, "http://127.0.0.1:" + closedPort, dir.resolve("r.log"))) {
            assertThatThrownBy(() -> worker.client().cardinality(BudgetedWorker.PARTNER_ITEMS))
                    .isInstanceOfSatisfying(PsiServerException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.type()).isEqualTo("https://trustfabric.io/problems/budget-unavailable");
                    });
            assertThat(metric(worker, "trustfabric_psi_elements_processed_total")).isZero();
        }
        assertThat(Files.readAllLines(dir.resolve("r.log"))).isEmpty();
    }

    @Test
    void anOperatorThatCannotGrantIsFailedClosedToo() throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        try (FakeLeaseServer control = control(10 * COST, Map.of("psi-ca", COST));
             BudgetedWorker worker = BudgetedWorker.start(files, control.url(), dir.resolve("r.log"))) {
            control.refuseEverything(true);
            assertThatThrownBy(() -> worker.client().cardinality(BudgetedWorker.PARTNER_ITEMS))
                    .isInstanceOfSatisfying(PsiServerException.class, e -> assertThat(e.status()).isEqualTo(503));
            assertThat(control.liveLeases()).isZero();
        }
    }

    @Test
    void exhaustedBudgetIs429WithThePeriodEndAndNothingComputed() throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        try (FakeLeaseServer control = control(COST, Map.of("psi-ca", COST));
             BudgetedWorker worker = BudgetedWorker.start(files, control.url(), dir.resolve("r.log"))) {
            assertThat(worker.client().chargedCardinality(BudgetedWorker.PARTNER_ITEMS).remainingMicroEpsilon())
                    .isZero();
            double before = metric(worker, "trustfabric_psi_elements_processed_total");
            HttpResponse<String> refused = rawQuery(worker, "psi-ca", "globex");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue(PsiMediaTypes.PROBLEM_JSON);
            JsonObject problem = new JsonObject(refused.body());
            assertThat(problem.getString("type")).isEqualTo("https://trustfabric.io/problems/budget-exhausted");
            assertThat(problem.getString("periodEnd")).isEqualTo("2099-01-01T00:00:00Z");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.headers().firstValue("X-TrustFabric-Receipt")).isEmpty();
            assertThat(metric(worker, "trustfabric_psi_elements_processed_total")).isEqualTo(before);
        }
        assertThat(Files.readAllLines(dir.resolve("r.log"))).hasSize(1);
    }

    @Test
    void aModeTheBudgetDoesNotPriceIsRefused() throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        try (FakeLeaseServer control = control(10 * COST, Map.of("psi-ca", COST));
             BudgetedWorker worker = BudgetedWorker.start(files, control.url(), dir.resolve("r.log"))) {
            assertThatThrownBy(() -> worker.client().intersection(BudgetedWorker.PARTNER_ITEMS))
                    .isInstanceOfSatisfying(PsiServerException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("does not price psi");
                    });
        }
    }

    @Test
    void aFailedComputationGivesItsReservationBack() throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        try (FakeLeaseServer control = control(COST, Map.of("psi-ca", COST))) {
            try (BudgetedWorker worker = BudgetedWorker.start(files, control.url(), dir.resolve("r.log"))) {
                HttpResponse<String> bad = rawQuery(worker, "psi-ca", "globex"); // not valid points
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).contains("bad-point");
                // the whole budget (one query) is still there for a valid query
                assertThat(worker.client().cardinality(BudgetedWorker.PARTNER_ITEMS)).isEqualTo(2);
            }
            assertThat(control.consumed()).isEqualTo(COST);
        }
        assertThat(Files.readAllLines(dir.resolve("r.log"))).hasSize(1);
    }

    @Test
    void aRepeatedElementIsRefusedBeforeAnythingIsReservedOrCharged() throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        try (FakeLeaseServer control = control(10 * COST, Map.of("psi-ca", COST))) {
            try (BudgetedWorker worker = BudgetedWorker.start(files, control.url(), dir.resolve("r.log"))) {
                byte[] body = invalidQuery();
                System.arraycopy(body, 16, body, 16 + 2 * 32, 32); // element 2 repeats element 0
                HttpResponse<String> refused = send(worker, "psi-ca", body);
                assertThat(refused.statusCode()).isEqualTo(400);
                assertThat(new JsonObject(refused.body()).getString("type"))
                        .isEqualTo("https://trustfabric.io/problems/duplicate-elements");
                assertThat(refused.headers().firstValue("X-TrustFabric-Receipt")).isEmpty();
                assertThat(metric(worker, "trustfabric_psi_elements_processed_total")).isZero();
                assertThat(control.liveLeases()).isZero(); // no reservation asked for a lease
            }
            assertThat(control.consumed()).isZero();
        }
        assertThat(Files.readAllLines(dir.resolve("r.log"))).isEmpty();
    }

    /**
     * A well-formed query of 3 distinct invalid elements for epoch 1 (non-canonical u-coordinates: it parses and
     * fails the group check in the compute pool).
     */
    static byte[] invalidQuery() {
        byte[] body = new byte[16 + 3 * 32];
        byte[] header = {0x54, 0x46, 0x01, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 3};
        System.arraycopy(header, 0, body, 0, header.length);
        Arrays.fill(body, 16, body.length, (byte) 0xff);
        for (int i = 0; i < 3; i++) {
            body[16 + 32 * i] = (byte) i;
        }
        assertThat(ElementBatch.peekCount(body)).isEqualTo(3);
        return body;
    }

    private static HttpResponse<String> rawQuery(BudgetedWorker worker, String mode, String partner) throws Exception {
        return send(worker, mode, invalidQuery());
    }

    private static HttpResponse<String> send(BudgetedWorker worker, String mode, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + worker.worker.port() + "/v1/" + mode))
                .header("Content-Type", PsiMediaTypes.ELEMENTS_V1).header("X-TrustFabric-Api-Key", BudgetedWorker.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(BudgetedWorker worker, String name) throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + worker.worker.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
