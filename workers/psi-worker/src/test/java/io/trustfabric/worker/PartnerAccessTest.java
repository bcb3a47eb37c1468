package io.trustfabric.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.client.PsiCredentials;
import io.trustfabric.psi.client.PsiServerException;
import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PartnerQuery;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every authentication, authorization and rate-limit refusal through real HTTP on loopback. */
class PartnerAccessTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final String INITECH_KEY = "tfk_initech_fedcba9876543210";
    private static final String UMBRELLA_KEY = "tfk_umbrella_5555aaaa5555aaaa";
    private static final String PSI_CA = "/v1/psi-ca";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private LogCapture logs;
    private WorkerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        logs = new LogCapture("io.trustfabric", "trustfabric.audit");
        JsonObject config = WorkerFixture.config(dir, List.of("alice", "bob", "carol"));
        JsonArray partners = config.getJsonObject("partners").getJsonArray("static");
        partners.add(WorkerFixture.partner("initech", INITECH_KEY, List.of("psi-ca"))
                .put("rate", new JsonObject().put("requestsPerSecond", 0.5).put("burst", 2)));
        partners.add(WorkerFixture.partner("umbrella", UMBRELLA_KEY, List.of("psi-ca", "psi"))
                .put("expires", T0.plus(Duration.ofHours(1)).toString()));
        fixture = WorkerFixture.startReady(dir, config, clock, nanos::get);
    }

    @AfterEach
    void stop() {
        fixture.close();
        logs.close();
    }

    @Test
    void missingOrUnknownApiKeyIs401AndComputesNothing() throws Exception {
        HttpResponse<String> none = fixture.post(PSI_CA, PsiMediaTypes.ELEMENTS_V1, query("alice"), null);
        assertProblem(none, 401, "unknown-credentials");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("ApiKey"));
        assertThat(none.headers().firstValue("X-TrustFabric-Partner")).isEmpty();
        assertThat(none.headers().firstValue("X-TrustFabric-Tenant")).hasValue("trust/acme");

        HttpResponse<String> wrong = fixture.post(PSI_CA, PsiMediaTypes.ELEMENTS_V1, query("alice"), "tfk_nobody");
        assertProblem(wrong, 401, "unknown-credentials");
        assertProblem(fixture.send(HttpRequest.newBuilder(fixture.uri("/v1/setup"))
                .header("X-TrustFabric-Api-Key", WorkerFixture.API_KEY + "x")), 401, "unknown-credentials");
        assertThat(metrics()).doesNotContain("trustfabric_psi_elements_processed_total{")
                .contains("trustfabric_psi_refusals_total{partner=\"unauthenticated\",reason=\"unknown-credentials\","
                        + "tenant=\"trust/acme\"} 3.0");
    }

    @Test
    void authorizationHeaderFormIsAcceptedAndHeadersNameTenantPartnerAndFlags() throws Exception {
        HttpResponse<String> ok = fixture.send(HttpRequest.newBuilder(fixture.uri(PSI_CA))
                .header("Authorization", "ApiKey " + INITECH_KEY)
                .header("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                .header("X-Request-Id", "req-42")
                .POST(HttpRequest.BodyPublishers.ofByteArray(query("alice"))));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-Request-Id")).hasValue("req-42");
        assertThat(ok.headers().firstValue("X-TrustFabric-Tenant")).hasValue("trust/acme");
        assertThat(ok.headers().firstValue("X-TrustFabric-Partner")).hasValue("initech");
        assertThat(ok.headers().firstValue("X-TrustFabric-Contract-Flags")).hasValue("eu-data,partner-initech");

        HttpResponse<String> generated = fixture.send(HttpRequest.newBuilder(fixture.uri(PSI_CA))
                .header("X-Request-Id", "bad id\twith spaces")
                .header("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                .POST(HttpRequest.BodyPublishers.ofByteArray(query("alice"))));
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(id ->
                assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void expiredPartnerIs403ByTheWorkersClock() throws Exception {
        PsiClient umbrella = PsiClient.create(fixture.uri(""), WorkerFixture.GROUP, null,
                PsiCredentials.apiKey(UMBRELLA_KEY));
        assertThat(umbrella.cardinality(List.of("alice", "zed"))).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertProblem(fixture.post(PSI_CA, PsiMediaTypes.ELEMENTS_V1, query("alice"), UMBRELLA_KEY), 403,
                "partner-expired");
        assertProblem(fixture.send(HttpRequest.newBuilder(fixture.uri("/v1/setup"))
                .header("X-TrustFabric-Api-Key", UMBRELLA_KEY)), 403, "partner-expired");
        assertThat(fixture.client().cardinality(List.of("alice"))).isEqualTo(1); // others unaffected
    }

    @Test
    void modeOutsideThePartnersContractIs403() throws Exception {
        HttpResponse<String> psi = fixture.post("/v1/psi", PsiMediaTypes.ELEMENTS_V1, query("alice"), INITECH_KEY);
        assertProblem(psi, 403, "mode-not-allowed");
        assertThat(new JsonObject(psi.body()).getString("detail")).contains("initech").contains("[psi-ca]");
        PsiClient initech = PsiClient.create(fixture.uri(""), WorkerFixture.GROUP, null, PsiCredentials.apiKey(INITECH_KEY));
        try {
            initech.intersection(List.of("alice"));
            throw new AssertionError("psi must be refused");
        } catch (PsiServerException e) {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.type()).isEqualTo("https://trustfabric.io/problems/mode-not-allowed");
        }
    }

    @Test
    void rateLimitAnswers429WithRetryAfterFromTheBucket() throws Exception {
        assertThat(postAs(INITECH_KEY).statusCode()).isEqualTo(200);
        assertThat(postAs(INITECH_KEY).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = postAs(INITECH_KEY);
        assertProblem(limited, 429, "rate-limited");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2"); // 0.5 requests per second
        assertThat(new JsonObject(limited.body()).getLong("retryAfterSeconds")).isEqualTo(2);
        assertThat(postAs(WorkerFixture.API_KEY).statusCode()).isEqualTo(200); // another partner's bucket

        nanos.addAndGet(1_000_000_000L);
        HttpResponse<String> stillLimited = postAs(INITECH_KEY);
        assertThat(stillLimited.headers().firstValue("Retry-After")).hasValue("1");
        nanos.addAndGet(1_000_000_000L);
        assertThat(postAs(INITECH_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void everyDecisionIsOneAuditLineWithoutItemsOrKeys() throws Exception {
        postAs(WorkerFixture.API_KEY);
        fixture.post(PSI_CA, PsiMediaTypes.ELEMENTS_V1, query("alice"), "tfk_wrong_key_123");
        fixture.post("/v1/psi", PsiMediaTypes.ELEMENTS_V1, query("alice"), INITECH_KEY);
        fixture.client().intersection(List.of("alice", "zed"));

        List<JsonObject> audit = logs.lines("trustfabric.audit").stream().map(JsonObject::new).toList();
        assertThat(audit).hasSize(4);
        assertThat(audit.get(0).getString("decision")).isEqualTo("allowed");
        assertThat(audit.get(0).getString("partner")).isEqualTo("globex");
        assertThat(audit.get(0).getInteger("elements")).isEqualTo(1);
        assertThat(audit.get(0).getString("mode")).isEqualTo("psi-ca");
        assertThat(audit.get(0).getString("tenant")).isEqualTo("trust/acme");
        assertThat(audit.get(0).getString("requestId")).isNotBlank();
        assertThat(audit.get(1).getString("decision")).isEqualTo("refused");
        assertThat(audit.get(1).getString("reason")).isEqualTo("unknown-credentials");
        assertThat(audit.get(1).getString("partner")).isEqualTo("unauthenticated");
        assertThat(audit.get(2).getString("reason")).isEqualTo("mode-not-allowed");
        assertThat(audit.get(2).getInteger("status")).isEqualTo(403);
        assertThat(audit.get(3).getString("mode")).isEqualTo("psi");
        assertThat(audit.get(3).getInteger("elements")).isEqualTo(2);

        String everything = String.join("\n", logs.lines());
        assertThat(everything).contains("allowlist revision static");
        for (String secret : List.of(WorkerFixture.API_KEY, INITECH_KEY, UMBRELLA_KEY, "tfk_wrong_key_123", "alice")) {
            assertThat(everything).doesNotContain(secret);
        }
    }

    @Test
    void withoutAnyAllowlistEverythingIsRefused(@TempDir Path other) throws Exception {
        JsonObject config = WorkerFixture.config(other, List.of("alice"));
        config.remove("partners");
        try (WorkerFixture bare = WorkerFixture.startReady(other, config, clock, nanos::get)) {
            HttpResponse<String> refused = bare.post(PSI_CA, PsiMediaTypes.ELEMENTS_V1, query("alice"));
            assertProblem(refused, 503, "allowlist-unavailable");
            assertThat(bare.get("/v1/setup").statusCode()).isEqualTo(503);
        }
    }

    private HttpResponse<String> postAs(String apiKey) throws Exception {
        return fixture.post(PSI_CA, PsiMediaTypes.ELEMENTS_V1, query("alice"), apiKey);
    }

    private static byte[] query(String... items) {
        PartnerQuery query = PartnerQuery.blind(WorkerFixture.GROUP, new KeyEpochContext("trust", "acme", 1),
                Normalization.NONE, List.of(items), new SecureRandom());
        return ElementBatch.query(1, query.blinded()).encode();
    }

    private String metrics() throws Exception {
        return new String(fixture.get("/metrics").body(), StandardCharsets.UTF_8);
    }

    static void assertProblem(HttpResponse<String> response, int status, String shortName) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PsiMediaTypes.PROBLEM_JSON);
        assertThat(new JsonObject(response.body()).getString("type"))
                .isEqualTo("https://trustfabric.io/problems/" + shortName);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }
}
