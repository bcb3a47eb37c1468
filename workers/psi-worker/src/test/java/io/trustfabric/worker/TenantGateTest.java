package io.trustfabric.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.psi.protocol.PackedElements;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantGateTest {
    @TempDir
    Path dir;

    @Test
    void tenantNotInLimitedGaRefusesQueriesAndSetupWith403() throws Exception {
        JsonObject config = WorkerFixture.config(dir, List.of("alice"));
        config.getJsonObject("tenant").put("limitedGA", false);
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, config)) {
            HttpResponse<String> query = fixture.post("/v1/psi-ca", PsiMediaTypes.ELEMENTS_V1,
                    ElementBatch.query(1, PackedElements.allocate(1, 32)).encode());
            assertThat(query.statusCode()).isEqualTo(403);
            assertThat(new JsonObject(query.body()).getString("type"))
                    .isEqualTo("https://trustfabric.io/problems/tenant-not-enabled");
            assertThat(fixture.get("/v1/setup").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void notReadyUntilTheSetupIsBuilt() throws Exception {
        JsonObject config = WorkerFixture.config(dir, List.of("alice"));
        Files.delete(Path.of(config.getJsonObject("key").getString("seedPath")));
        try (WorkerFixture fixture = WorkerFixture.start(dir, config)) {
            assertThat(fixture.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(fixture.get("/readyz").statusCode()).isEqualTo(503);
            HttpResponse<String> query = fixture.post("/v1/psi-ca", PsiMediaTypes.ELEMENTS_V1,
                    ElementBatch.query(1, PackedElements.allocate(1, 32)).encode());
            assertThat(query.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(query.body()).getString("type"))
                    .isEqualTo("https://trustfabric.io/problems/not-ready");
            assertThat(fixture.get("/v1/setup").statusCode()).isEqualTo(503);
        }
    }
}
