package io.trustfabric.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PartnerQuery;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.psi.wire.SetupMessage;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRotationTest {
    private static final List<String> SERVER = List.of("alice", "bob", "carol", "dave");

    @TempDir
    Path dir;

    private static byte[] blindedFor(long epoch) {
        PartnerQuery query = PartnerQuery.blind(WorkerFixture.GROUP, new KeyEpochContext("trust", "acme", epoch),
                Normalization.NONE, List.of("bob", "zed"), new SecureRandom());
        return ElementBatch.query(epoch, query.blinded()).encode();
    }

    @Test
    void rotationSwapsSetupAndMakesTheOldEpochStale() throws Exception {
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, WorkerFixture.config(dir, SERVER))) {
            PsiClient client = fixture.client();
            assertThat(client.cardinality(List.of("bob", "zed"))).isEqualTo(1);
            HttpResponse<byte[]> before = fixture.get("/v1/setup");
            byte[] oldEpochQuery = blindedFor(1);

            fixture.worker.keyEpochs().rotateTo(2).get();

            HttpResponse<byte[]> after = fixture.get("/v1/setup");
            assertThat(SetupMessage.decode(after.body()).context().epoch()).isEqualTo(2);
            assertThat(after.headers().firstValue("ETag")).isNotEqualTo(before.headers().firstValue("ETag"));
            assertThat(after.body()).isNotEqualTo(before.body());

            HttpResponse<String> stale = fixture.post("/v1/psi-ca", PsiMediaTypes.ELEMENTS_V1, oldEpochQuery);
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(stale.body()).getLong("currentEpoch")).isEqualTo(2L);
            assertThat(fixture.post("/v1/psi-ca", PsiMediaTypes.ELEMENTS_V1, blindedFor(2)).statusCode())
                    .isEqualTo(200);

            // the client still holds epoch 1's setup: it gets 409, refetches, and answers correctly
            assertThat(client.cardinality(List.of("bob", "zed", "carol"))).isEqualTo(2);
        }
    }

    @Test
    void newEpochInTheConfigFileIsPickedUp() throws Exception {
        JsonObject config = WorkerFixture.config(dir, SERVER);
        config.getJsonObject("key").put("reloadSeconds", 1);
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, config)) {
            config.getJsonObject("key").put("epoch", 5);
            Files.writeString(fixture.configFile, config.encodePrettily());

            long deadline = System.nanoTime() + 60_000_000_000L;
            while (fixture.worker.keyEpochs().current().orElseThrow().epoch() != 5 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(fixture.worker.keyEpochs().current().orElseThrow().epoch()).isEqualTo(5);
            assertThat(fixture.client()
                    .intersection(List.of("dave", "erin"))).containsExactly("dave");
        }
    }

    @Test
    void failedRotationKeepsServingTheOldEpoch() throws Exception {
        JsonObject config = WorkerFixture.config(dir, SERVER);
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, config)) {
            Files.delete(Path.of(config.getJsonObject("dataset").getString("path")));

            assertThatThrownBy(() -> fixture.worker.keyEpochs().rotateTo(2).get())
                    .hasMessageContaining("cannot read the data set");

            assertThat(fixture.worker.keyEpochs().current().orElseThrow().epoch()).isEqualTo(1);
            assertThat(fixture.get("/readyz").statusCode()).isEqualTo(200);
            assertThat(fixture.client()
                    .cardinality(List.of("alice", "zed"))).isEqualTo(1);
        }
    }
}
