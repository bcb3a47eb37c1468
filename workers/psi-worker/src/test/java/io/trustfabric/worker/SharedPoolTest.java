package io.trustfabric.worker;

import static io.trustfabric.worker.PartnerAccessTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.client.PsiCredentials;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.worker.compute.ComputePool;
import io.trustfabric.worker.compute.PoolSaturatedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One worker process serving several tenants of a shared pool (the {@code tenants} form of worker.json). */
class SharedPoolTest {
    private static final String BETA_KEY = "tfk_beta_partner_77777777";

    @TempDir
    Path dir;

    @Test
    void eachTenantIsServedBelowItsPrefixWithItsOwnDataAndAllowlist() throws Exception {
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, poolConfig(), Clock.systemUTC(), System::nanoTime)) {
            PsiClient acme = PsiClient.create(fixture.uri("/tenants/acme"), WorkerFixture.GROUP, null,
                    PsiCredentials.apiKey(WorkerFixture.API_KEY));
            PsiClient beta = PsiClient.create(fixture.uri("/tenants/beta/"), WorkerFixture.GROUP, null,
                    PsiCredentials.apiKey(BETA_KEY));
            assertThat(acme.cardinality(List.of("alice", "bob", "zed"))).isEqualTo(2);
            assertThat(beta.intersection(List.of("alice", "bob", "zed"))).containsExactly("zed");
            assertThat(acme.setup().context().tenantId()).isEqualTo("trust/acme");
            assertThat(beta.setup().context().tenantId()).isEqualTo("trust/beta");

            // acme's partner is not beta's partner
            assertProblem(fixture.post("/tenants/beta/v1/psi-ca", PsiMediaTypes.ELEMENTS_V1, new byte[0]), 401,
                    "unknown-credentials");
            assertThat(fixture.post("/tenants/nobody/v1/psi-ca", PsiMediaTypes.ELEMENTS_V1, new byte[0]).statusCode())
                    .isEqualTo(404);
            assertThat(fixture.post("/v1/psi-ca", PsiMediaTypes.ELEMENTS_V1, new byte[0]).statusCode()).isEqualTo(404);

            String ready = new String(fixture.get("/readyz").body(), StandardCharsets.UTF_8);
            assertThat(new JsonObject(ready).getJsonObject("tenants").fieldNames())
                    .containsExactlyInAnyOrder("trust/acme", "trust/beta");
            String metrics = new String(fixture.get("/metrics").body(), StandardCharsets.UTF_8);
            assertThat(metrics).contains("trustfabric_psi_compute_queue_depth{tenant=\"trust/beta\"}")
                    .contains("trustfabric_psi_elements_processed_total{mode=\"psi\",tenant=\"trust/beta\"} 3.0");
        }
    }

    /** Real threads, deterministic order: one compute thread, held busy while both tenants queue work. */
    @Test
    void thePoolServesWaitingTenantsInWeightedFairOrderAndBoundsEachQueue() throws Exception {
        try (ComputePool pool = new ComputePool(1)) {
            pool.addLane("trust/acme", 1, 4);
            pool.addLane("trust/beta", 3, 4);
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Boolean> blocker = pool.submit("trust/acme", 0, () -> {
                running.countDown();
                release.await();
                return true;
            });
            running.await();
            List<String> order = new CopyOnWriteArrayList<>();
            List<CompletableFuture<Boolean>> queued = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String acme = "acme-" + i;
                String beta = "beta-" + i;
                queued.add(pool.submit("trust/acme", 100, () -> order.add(acme)));
                queued.add(pool.submit("trust/beta", 100, () -> order.add(beta)));
            }
            try {
                pool.submit("trust/acme", 100, () -> order.add("refused"));
                throw new AssertionError("acme's queue is full");
            } catch (PoolSaturatedException expected) {
                assertThat(expected.getMessage()).contains("trust/acme");
            }
            assertThat(pool.queueDepth("trust/acme")).isEqualTo(4);
            release.countDown();
            assertThat(blocker.get()).isTrue();
            // wait for the queued work itself: a probe submitted now could still find acme's queue full
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(30, java.util.concurrent.TimeUnit.SECONDS);
            // beta (weight 3) gets three queries' worth for each of acme's while both wait
            assertThat(order.subList(0, 4)).containsExactly("acme-0", "beta-0", "beta-1", "beta-2");
            assertThat(order).hasSize(8).doesNotContain("refused");
        }
    }

    private JsonObject poolConfig() throws Exception {
        Path acmeDir = Files.createDirectories(dir.resolve("acme"));
        Path betaDir = Files.createDirectories(dir.resolve("beta"));
        JsonObject acme = WorkerFixture.config(acmeDir, List.of("alice", "bob", "carol"));
        JsonObject beta = WorkerFixture.config(betaDir, List.of("xavier", "zed"));
        beta.getJsonObject("tenant").put("name", "beta").put("fairShareWeight", 3);
        beta.put("partners", new JsonObject().put("static",
                new JsonArray().add(WorkerFixture.partner("beta-partner", BETA_KEY, List.of("psi-ca", "psi")))));
        JsonObject pool = new JsonObject().put("schemaVersion", 1)
                .put("pool", new JsonObject().put("namespace", "trust").put("name", "shared"))
                .put("http", acme.getJsonObject("http"))
                .put("limits", new JsonObject().put("queueCapacity", 8).put("computeThreads", 2))
                .put("setup", acme.getJsonObject("setup"))
                .put("tenants", new JsonArray());
        for (JsonObject tenant : List.of(acme, beta)) {
            pool.getJsonArray("tenants").add(new JsonObject()
                    .put("tenant", tenant.getJsonObject("tenant"))
                    .put("limits", new JsonObject().put("maxClientSetSize", 1000))
                    .put("dataset", tenant.getJsonObject("dataset"))
                    .put("key", tenant.getJsonObject("key"))
                    .put("partners", tenant.getJsonObject("partners")));
        }
        return pool;
    }
}
