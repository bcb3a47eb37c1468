package io.trustfabric.operator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACME = "/control/v1/namespaces/trust/tenants/acme";

    /** Tokens by "namespace/tenant", compared the way the real directory answers. */
    private final Map<String, String> tokens = Map.of("trust/acme", "acme-token", "trust/globex", "globex-token");
    private final WorkerTokens directory = (namespace, tenant, presented) -> {
        if (presented.equals(tokens.get(namespace + "/" + tenant))) {
            return WorkerTokens.Verdict.THIS_TENANT;
        }
        return tokens.containsValue(presented) ? WorkerTokens.Verdict.OTHER_TENANT : WorkerTokens.Verdict.UNKNOWN;
    };
    private final LeaderStatus leader = LeaderStatus.elected();
    private ControlServer server;

    @BeforeEach
    void start() throws Exception {
        ControlRoutes routes = new ControlRoutes()
                .add(route("GET", "/echo/{word}", false, request -> ControlResponse.json(200,
                        Map.of("tenant", request.namespace() + "/" + request.tenant(),
                                "word", request.pathParameter("word")))))
                .add(route("POST", "/leases", true, request -> ControlResponse.json(201,
                        Map.of("received", request.bodyText()))))
                .add(route("GET", "/refuse", false, request -> {
                    throw new ControlProblem(409, "conflict", "Conflict", "refused on purpose");
                }))
                .add(route("GET", "/crash", false, request -> {
                    throw new IllegalStateException("secret internals");
                }));
        server = ControlServer.start("127.0.0.1", 0, routes, directory, leader);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRequestWithoutTokenIs401WithProblemJson() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(ACME + "/echo/hi")).GET().build());
        assertProblem(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
    }

    @Test
    void anUnknownOrMalformedTokenIs401() throws Exception {
        assertProblem(get(ACME + "/echo/hi", "Bearer guessed"), 401, "unauthorized");
        assertProblem(send(HttpRequest.newBuilder(uri(ACME + "/echo/hi"))
                .header("Authorization", "Basic YWNtZTphY21l").GET().build()), 401, "unauthorized");
    }

    @Test
    void anotherTenantsTokenIs403() throws Exception {
        assertProblem(get(ACME + "/echo/hi", "Bearer globex-token"), 403, "forbidden");
    }

    @Test
    void theTenantsOwnTokenReachesTheRouteWithPathParameters() throws Exception {
        HttpResponse<String> response = get(ACME + "/echo/hello", "Bearer acme-token");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("tenant").asText()).isEqualTo("trust/acme");
        assertThat(body.get("word").asText()).isEqualTo("hello");
    }

    @Test
    void authenticationComesBeforeRouting() throws Exception {
        assertProblem(get(ACME + "/no-such-route", null), 401, "unauthorized");
        assertProblem(get(ACME + "/no-such-route", "Bearer acme-token"), 404, "not-found");
    }

    @Test
    void pathsOutsideTheTenantPrefixAre404() throws Exception {
        assertProblem(get("/control/v1/tenants/acme/partners", "Bearer acme-token"), 404, "not-found");
        assertProblem(get("/control/v1/namespaces/Trust!/tenants/acme/echo/x", "Bearer acme-token"), 404, "not-found");
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(ACME + "/leases"))
                .header("Authorization", "Bearer acme-token").GET().build());
        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void leaderOnlyRoutesAnswer503NotLeaderOnAFollower() throws Exception {
        HttpResponse<String> follower = post(ACME + "/leases", "{\"epsilon\":1}");
        assertProblem(follower, 503, "not-leader");
        assertThat(follower.headers().firstValue("Retry-After")).contains("1");

        leader.callbacks().onStartLeading();
        HttpResponse<String> leading = post(ACME + "/leases", "{\"epsilon\":1}");
        assertThat(leading.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(leading.body()).get("received").asText()).isEqualTo("{\"epsilon\":1}");

        leader.callbacks().onStopLeading();
        assertProblem(post(ACME + "/leases", "{}"), 503, "not-leader");
    }

    @Test
    void aProblemThrownByARouteIsItsAnswer() throws Exception {
        assertProblem(get(ACME + "/refuse", "Bearer acme-token"), 409, "conflict");
    }

    @Test
    void aCrashingRouteIs500WithoutItsInternals() throws Exception {
        HttpResponse<String> response = get(ACME + "/crash", "Bearer acme-token");
        assertProblem(response, 500, "internal-error");
        assertThat(response.body()).doesNotContain("secret internals");
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        leader.callbacks().onStartLeading();
        String big = "x".repeat(ControlServer.MAX_BODY_BYTES + 1);
        assertProblem(post(ACME + "/leases", big), 413, "payload-too-large");
    }

    @Test
    void aRouteCannotBeRegisteredTwice() {
        ControlRoutes routes = new ControlRoutes().add(route("GET", "/partners", false, r -> ControlResponse.empty(204)));
        assertThatThrownBy(() -> routes.add(route("GET", "/partners", false, r -> ControlResponse.empty(204))))
                .hasMessageContaining("already registered");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String name) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("https://trustfabric.io/problems/control/" + name);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asText()).isNotBlank();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer acme-token")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static ControlRoute route(String method, String path, boolean leaderOnly,
                                      java.util.function.Function<ControlRequest, ControlResponse> handler) {
        return new ControlRoute() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public boolean leaderOnly() {
                return leaderOnly;
            }

            @Override
            public ControlResponse handle(ControlRequest request) {
                return handler.apply(request);
            }
        };
    }
}
