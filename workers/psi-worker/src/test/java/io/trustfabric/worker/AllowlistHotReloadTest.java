package io.trustfabric.worker;

import static io.trustfabric.worker.PartnerAccessTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.client.PsiCredentials;
import io.trustfabric.worker.control.FakeControlServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker follows the control API's allowlist without a restart, through real HTTP on both sides. */
class AllowlistHotReloadTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final String TOKEN = "worker-token-of-acme";
    private static final String INITECH_KEY = "tfk_initech_fedcba9876543210";

    @TempDir
    Path dir;

    @Test
    void removedPartnerIsRefusedAndNewPartnerAcceptedFromTheNextPoll() throws Exception {
        JsonObject globexOnly = document("rev-1", WorkerFixture.partner("globex", WorkerFixture.API_KEY, List.of("psi-ca")));
        try (FakeControlServer control = new FakeControlServer("trust", "acme", TOKEN, globexOnly);
             WorkerFixture fixture = WorkerFixture.startReady(dir, config(control), new MutableClock(T0), System::nanoTime)) {
            control.awaitNextCompletedPoll();
            assertThat(fixture.client().cardinality(List.of("alice", "zed"))).isEqualTo(1);
            PsiClient initech = PsiClient.create(fixture.uri(""), WorkerFixture.GROUP, null,
                    PsiCredentials.apiKey(INITECH_KEY));
            assertProblem(fixture.post("/v1/psi-ca", "x/y", new byte[0], INITECH_KEY), 401, "unknown-credentials");

            control.serve(document("rev-2", WorkerFixture.partner("initech", INITECH_KEY, List.of("psi-ca"))));
            control.awaitNextCompletedPoll();

            assertProblem(fixture.post("/v1/psi-ca", "x/y", new byte[0], WorkerFixture.API_KEY), 401,
                    "unknown-credentials");
            assertThat(initech.cardinality(List.of("alice", "bob", "zed"))).isEqualTo(2);
            assertThat(control.notModified()).isPositive(); // unchanged documents are not re-sent
            assertThat(control.authorizations()).containsOnly("Bearer " + TOKEN);
        }
    }

    @Test
    void unreachableControlApiKeepsTheLastDocumentAndExpiryStillApplies() throws Exception {
        MutableClock clock = new MutableClock(T0);
        JsonObject expiring = document("rev-1", WorkerFixture.partner("globex", WorkerFixture.API_KEY, List.of("psi-ca"))
                .put("expires", T0.plus(Duration.ofMinutes(30)).toString()));
        try (FakeControlServer control = new FakeControlServer("trust", "acme", TOKEN, expiring);
             WorkerFixture fixture = WorkerFixture.startReady(dir, config(control), clock, System::nanoTime)) {
            control.awaitNextCompletedPoll();
            control.failWith(503);
            control.awaitNextCompletedPoll();
            assertThat(fixture.client().cardinality(List.of("alice"))).isEqualTo(1);

            control.serve(document("rev-garbage", new JsonObject().put("modes", new JsonArray()))); // no id: invalid
            control.failWith(0);
            control.awaitNextCompletedPoll();
            assertThat(fixture.client().cardinality(List.of("alice"))).isEqualTo(1);

            clock.advance(Duration.ofMinutes(30));
            assertProblem(fixture.send(HttpRequest.newBuilder(fixture.uri("/v1/setup"))
                    .header("X-TrustFabric-Api-Key", WorkerFixture.API_KEY)), 403, "partner-expired");
        }
    }

    @Test
    void noAllowlistAtTheOperatorMeansNoPartnerIsServed() throws Exception {
        JsonObject globex = document("rev-1", WorkerFixture.partner("globex", WorkerFixture.API_KEY, List.of("psi-ca")));
        try (FakeControlServer control = new FakeControlServer("trust", "acme", TOKEN, globex);
             WorkerFixture fixture = WorkerFixture.startReady(dir, config(control), new MutableClock(T0), System::nanoTime)) {
            control.awaitNextCompletedPoll();
            assertThat(fixture.client().cardinality(List.of("alice"))).isEqualTo(1);
            control.failWith(404);
            control.awaitNextCompletedPoll();
            assertProblem(fixture.post("/v1/psi-ca", "x/y", new byte[0], WorkerFixture.API_KEY), 401,
                    "unknown-credentials");
            control.failWith(0);
            control.awaitNextCompletedPoll();
            assertThat(fixture.client().cardinality(List.of("alice"))).isEqualTo(1);
        }
    }

    @Test
    void mountedPartnersFileIsLoadedAtStart() throws Exception {
        JsonObject config = WorkerFixture.config(dir, List.of("alice", "bob"));
        Path file = Files.writeString(dir.resolve("partners.json"),
                document("rev-file", WorkerFixture.partner("initech", INITECH_KEY, List.of("psi-ca"))).encode());
        config.put("partners", new JsonObject().put("path", file.toString()));
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, config)) {
            assertThat(PsiClient.create(fixture.uri(""), WorkerFixture.GROUP, null, PsiCredentials.apiKey(INITECH_KEY))
                    .cardinality(List.of("alice", "bob"))).isEqualTo(2);
            assertProblem(fixture.post("/v1/psi-ca", "x/y", new byte[0], WorkerFixture.API_KEY), 401,
                    "unknown-credentials");
        }
    }

    private JsonObject config(FakeControlServer control) throws Exception {
        JsonObject config = WorkerFixture.config(dir, List.of("alice", "bob", "carol"));
        config.remove("partners");
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        config.put("control", new JsonObject().put("url", control.url().toString()).put("tokenPath", token.toString())
                .put("partnerPollMillis", 100));
        config.put("budget", new JsonObject().put("enforce", false)); // this fake serves partners, not budget leases
        return config;
    }

    private static JsonObject document(String revision, JsonObject... partners) {
        return new JsonObject().put("tenant", "trust/acme").put("revision", revision)
                .put("generatedAt", T0.toString()).put("partners", new JsonArray(List.of((Object[]) partners)));
    }
}
