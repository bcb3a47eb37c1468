package io.trustfabric.operator.policy.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.operator.control.ControlRoutes;
import io.trustfabric.operator.control.ControlServer;
import io.trustfabric.operator.control.LeaderStatus;
import io.trustfabric.operator.control.WorkerTokens;
import io.trustfabric.operator.policy.decisions.DecisionLog;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three policy endpoints on a real ControlServer: authentication, ETag/304, readiness and upload limits. */
class PolicyRoutesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACME = "/control/v1/namespaces/trust/tenants/acme";
    private static final String GLOBEX = "/control/v1/namespaces/trust/tenants/globex";

    private final Map<String, String> tokens = Map.of("trust/acme", "acme-token", "trust/globex", "globex-token");
    private final WorkerTokens directory = (namespace, tenant, presented) -> {
        if (presented.equals(tokens.get(namespace + "/" + tenant))) {
            return WorkerTokens.Verdict.THIS_TENANT;
        }
        return tokens.containsValue(presented) ? WorkerTokens.Verdict.OTHER_TENANT : WorkerTokens.Verdict.UNKNOWN;
    };
    private final LeaderStatus leader = LeaderStatus.elected();
    private final BundleStore store = new BundleStore(TestKeys.signer());
    private final DecisionLog decisions = new DecisionLog();
    private ControlServer server;

    @BeforeEach
    void start() throws Exception {
        leader.callbacks().onStartLeading();
        server = ControlServer.start("127.0.0.1", 0,
                PolicyRoutes.register(new ControlRoutes(), store, decisions), directory, leader);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String token, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> post(String path, String token, byte[] body, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String problemType(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        return body.get("type").asText().replace("https://trustfabric.io/problems/control/", "");
    }

    @Test
    void bundlesNeedTheTenantsOwnToken() throws Exception {
        store.putMacros(OpaBundleServiceTest.macros("1"));
        store.markTenantsSynced();
        for (String resource : new String[] {"/policy/bundle", "/policy/macros"}) {
            HttpResponse<byte[]> none = get(ACME + resource, null, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(problemType(none)).isEqualTo("unauthorized");
            assertThat(get(ACME + resource, "guessed", null).statusCode()).isEqualTo(401);
            HttpResponse<byte[]> other = get(ACME + resource, "globex-token", null);
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(problemType(other)).isEqualTo("forbidden");
        }
    }

    @Test
    void tenantBundleIsGzipWithTheDigestAsETagAnd304WhenUnchanged() throws Exception {
        SignedBundle bundle = store.putTenant("trust", "acme", OpaBundleServiceTest.tenant(3, 10));
        HttpResponse<byte[]> response = get(ACME + "/policy/bundle", "acme-token", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/gzip");
        assertThat(response.headers().firstValue("ETag")).contains("\"" + bundle.digest() + "\"");
        assertThat(response.body()).isEqualTo(bundle.bytes());

        HttpResponse<byte[]> unchanged = get(ACME + "/policy/bundle", "acme-token", bundle.etag());
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).contains(bundle.etag());

        SignedBundle next = store.putTenant("trust", "acme", OpaBundleServiceTest.tenant(4, 10));
        HttpResponse<byte[]> changed = get(ACME + "/policy/bundle", "acme-token", bundle.etag());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(next.bytes());
        assertThat(get(ACME + "/policy/bundle", "acme-token", "\"sha256:other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void eachTenantGetsItsOwnBundle() throws Exception {
        store.markTenantsSynced();
        SignedBundle acme = store.putTenant("trust", "acme", OpaBundleServiceTest.tenant(3, 10));
        HttpResponse<byte[]> globex = get(GLOBEX + "/policy/bundle", "globex-token", null);
        assertThat(globex.statusCode()).isEqualTo(200);
        assertThat(globex.body()).isNotEqualTo(acme.bytes());
        assertThat(TarEntries.read(globex.body()).get("data.json").text())
                .isEqualTo("{\"trustfabric\":{\"tenants\":{\"globex\":"
                        + "{\"default\":true,\"policy\":null,\"revision\":0,\"rules\":[]}}}}");
    }

    @Test
    void notReadyIs503WithRetryAfterUntilMacrosExistAndTenantsAreSynced() throws Exception {
        for (String resource : new String[] {"/policy/bundle", "/policy/macros"}) {
            HttpResponse<byte[]> response = get(ACME + resource, "acme-token", null);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(problemType(response)).isEqualTo("policy-not-ready");
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
        }
        SignedBundle macros = store.putMacros(OpaBundleServiceTest.macros("7"));
        store.markTenantsSynced();
        HttpResponse<byte[]> served = get(ACME + "/policy/macros", "acme-token", null);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(macros.bytes());
        assertThat(get(ACME + "/policy/macros", "acme-token", macros.etag()).statusCode()).isEqualTo(304);
        assertThat(get(ACME + "/policy/bundle", "acme-token", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aFollowerAnswersNotLeaderAndNeverADefaultBundle() throws Exception {
        store.putMacros(OpaBundleServiceTest.macros("1"));
        store.markTenantsSynced();
        leader.callbacks().onStopLeading();
        for (String resource : new String[] {"/policy/bundle", "/policy/macros"}) {
            HttpResponse<byte[]> response = get(ACME + resource, "acme-token", null);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(problemType(response)).isEqualTo("not-leader");
        }
        assertThat(post(ACME + "/policy/decisions", "acme-token", "[]".getBytes(StandardCharsets.UTF_8), false)
                .statusCode()).isEqualTo(503);
    }

    @Test
    void decisionUploadsGzipOrPlainAreStored() throws Exception {
        HttpResponse<byte[]> plain = post(ACME + "/policy/decisions", "acme-token", events("d-1"), false);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(plain.body()).get("stored").asInt()).isEqualTo(1);
        HttpResponse<byte[]> zipped = post(ACME + "/policy/decisions", "acme-token", gzip(events("d-2")), true);
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(decisions.recent("trust", "acme", Instant.EPOCH, 10))
                .extracting(r -> r.decisionId()).containsExactly("d-2", "d-1");
    }

    @Test
    void anUnreadableUploadIs400AndStoresNothing() throws Exception {
        for (byte[] body : new byte[][] {"not json".getBytes(StandardCharsets.UTF_8),
                "{\"decision_id\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                "[{\"decision_id\":\"x\"}] trailing".getBytes(StandardCharsets.UTF_8)}) {
            HttpResponse<byte[]> response = post(ACME + "/policy/decisions", "acme-token", body, false);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(problemType(response)).isEqualTo("invalid-decision-log");
        }
        HttpResponse<byte[]> badGzip = post(ACME + "/policy/decisions", "acme-token", events("d-1"), true);
        assertThat(badGzip.statusCode()).isEqualTo(400);
        assertThat(decisions.size()).isZero();
        assertThat(decisions.storedCount()).isZero();
    }

    @Test
    void anOversizedUploadIs413AndStoresNothing() throws Exception {
        byte[] large = new byte[9 * 1024 * 1024];
        java.util.Arrays.fill(large, (byte) ' ');
        byte[] events = events("d-1");
        System.arraycopy(events, 0, large, 0, events.length);
        HttpResponse<byte[]> raw = post(ACME + "/policy/decisions", "acme-token", large, false);
        assertThat(raw.statusCode()).isEqualTo(413);
        assertThat(problemType(raw)).isEqualTo("payload-too-large");
        // small on the wire, over the limit once decompressed
        HttpResponse<byte[]> bomb = post(ACME + "/policy/decisions", "acme-token", gzip(large), true);
        assertThat(bomb.statusCode()).isEqualTo(413);
        assertThat(problemType(bomb)).isEqualTo("payload-too-large");
        assertThat(decisions.size()).isZero();
    }

    @Test
    void bundleRoutesTakeNoBody() throws Exception {
        store.markTenantsSynced();
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + ACME + "/policy/bundle")).header("Authorization", "Bearer acme-token")
                .method("GET", HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    static byte[] events(String decisionId) {
        return ("[{\"decision_id\":\"" + decisionId + "\",\"path\":\"trustfabric/decision/result\","
                + "\"timestamp\":\"2026-12-03T13:00:00.123456789Z\","
                + "\"input\":{\"tenant\":{\"namespace\":\"trust\",\"name\":\"acme\"}},"
                + "\"result\":{\"allow\":true}}]").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
