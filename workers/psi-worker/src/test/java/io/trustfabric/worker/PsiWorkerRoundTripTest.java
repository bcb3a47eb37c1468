package io.trustfabric.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.psi.wire.SetupMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Partner client against a real worker over loopback HTTP, compared with a plain in-memory intersection. */
class PsiWorkerRoundTripTest {
    @TempDir
    Path dir;

    private final Random random = new Random(11);

    private List<String> serverItems(int count) {
        Set<String> items = new HashSet<>();
        while (items.size() < count) {
            items.add("user" + random.nextInt(1_000_000) + "@example.com");
        }
        return new ArrayList<>(items);
    }

    private List<String> clientItems(List<String> server, int count, int overlap) {
        List<String> items = new ArrayList<>(server.subList(0, overlap));
        while (items.size() < count) {
            items.add("partner" + random.nextInt(1_000_000) + "@example.org");
        }
        Collections.shuffle(items, random);
        return items;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcs", "bloom", "exact"})
    void psiAndPsiCaMatchThePlainIntersection(String encoding) throws Exception {
        List<String> server = serverItems(1500);
        var config = WorkerFixture.config(dir, server);
        config.getJsonObject("setup").put("encoding", encoding);
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, config)) {
            PsiClient client = fixture.client();
            for (int trial = 0; trial < 3; trial++) {
                List<String> items = clientItems(server, 80, random.nextInt(60));
                Set<String> serverSet = new HashSet<>(server);
                List<String> expected = items.stream().filter(serverSet::contains).toList();

                assertThat(client.intersection(items)).containsExactlyElementsOf(expected);
                assertThat(client.cardinality(items)).isEqualTo(expected.size());
            }
        }
    }

    @Test
    void csvColumnDataSetIsNormalizedLikeThePartnersItems() throws Exception {
        Path csv = java.nio.file.Files.writeString(dir.resolve("crm.csv"), """
                id,email,country
                1,Alice@Example.com,DE
                2,"bob@example.com ",FR
                3,carol@example.com,NL
                """);
        var config = WorkerFixture.config(dir, List.of());
        config.getJsonObject("dataset").put("path", csv.toString()).put("format", "csv").put("csvColumn", 1)
                .put("csvHeader", true).put("normalization", "email-lowercase-sha256");
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, config)) {
            assertThat(SetupMessage.decode(fixture.get("/v1/setup").body()).digest().itemCount()).isEqualTo(3);
            PsiClient client = fixture.client();
            assertThat(client.intersection(List.of(" ALICE@example.com", "dave@example.com", "Bob@Example.com")))
                    .containsExactly(" ALICE@example.com", "Bob@Example.com");
        }
    }

    @Test
    void setupCarriesTenantEpochAndIsCachedByEtag() throws Exception {
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, WorkerFixture.config(dir, serverItems(50)))) {
            HttpResponse<byte[]> first = fixture.get("/v1/setup");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValue(PsiMediaTypes.SETUP_V1);
            assertThat(first.headers().firstValue("X-TrustFabric-Key-Epoch")).hasValue("1");
            assertThat(first.headers().firstValue("X-TrustFabric-Contract-Flags")).hasValue("eu-data,partner-globex");
            SetupMessage setup = SetupMessage.decode(first.body());
            assertThat(setup.context().tenantId()).isEqualTo("trust/acme");
            assertThat(setup.context().epoch()).isEqualTo(1);
            assertThat(setup.digest().itemCount()).isEqualTo(50);

            String etag = first.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> second = fixture.http.send(HttpRequest.newBuilder(fixture.uri("/v1/setup"))
                    .header("X-TrustFabric-Api-Key", WorkerFixture.API_KEY).header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(second.statusCode()).isEqualTo(304);
            assertThat(second.body()).isEmpty();
            assertThat(fixture.get("/v1/setup").body()).isEqualTo(first.body());
        }
    }

    @Test
    void healthReadinessAndMetrics() throws Exception {
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, WorkerFixture.config(dir, serverItems(20)))) {
            assertThat(fixture.get("/healthz").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> ready = fixture.get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(new String(ready.body(), StandardCharsets.UTF_8)).contains("\"keyEpoch\":1");

            fixture.client().cardinality(List.of("a", "b", "c"));

            String metrics = new String(fixture.get("/metrics").body(), StandardCharsets.UTF_8);
            assertThat(metrics)
                    .contains("trustfabric_psi_request_duration_seconds_count{mode=\"psi-ca\",outcome=\"ok\","
                            + "partner=\"globex\",tenant=\"trust/acme\"} 1")
                    .contains("trustfabric_psi_elements_processed_total{mode=\"psi-ca\",tenant=\"trust/acme\"} 3.0")
                    .contains("trustfabric_psi_compute_queue_depth{tenant=\"trust/acme\"} 0.0")
                    .contains("trustfabric_psi_setup_items{tenant=\"trust/acme\"} 20.0")
                    .contains("trustfabric_psi_setup_build_duration_seconds")
                    .contains("trustfabric_psi_setup_size_bytes");
        }
    }

    @Test
    void concurrentPartnersEachGetTheirOwnCorrectAnswer() throws Exception {
        List<String> server = serverItems(500);
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, WorkerFixture.config(dir, server))) {
            ExecutorService partners = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Boolean>> queries = new ArrayList<>();
                for (int p = 0; p < 16; p++) {
                    int overlap = p * 3;
                    List<String> items = clientItems(server, 60, overlap);
                    queries.add(() -> {
                        PsiClient client = fixture.client();
                        return client.cardinality(items) == overlap && client.intersection(items).size() == overlap;
                    });
                }
                for (Future<Boolean> answer : partners.invokeAll(queries)) {
                    assertThat(answer.get()).isTrue();
                }
            } finally {
                partners.shutdownNow();
            }
        }
    }
}
