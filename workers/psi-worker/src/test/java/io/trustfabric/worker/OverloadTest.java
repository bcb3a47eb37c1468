package io.trustfabric.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PartnerQuery;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saturated compute pool refuses with 429 instead of queueing without bound. */
class OverloadTest {
    @TempDir
    Path dir;

    @Test
    void fullQueueAnswers429WithRetryAfterAndRecovers() throws Exception {
        JsonObject config = WorkerFixture.config(dir, List.of("alice", "bob"));
        config.getJsonObject("limits").put("computeThreads", 1).put("queueCapacity", 1);
        try (WorkerFixture fixture = WorkerFixture.startReady(dir, config)) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Boolean> blocker = fixture.worker.computePool().submit("trust/acme", 1, () -> {
                running.countDown();
                release.await();
                return true;
            });
            running.await();
            CompletableFuture<Boolean> queued = fixture.worker.computePool().submit("trust/acme", 1, () -> true);
            assertThat(fixture.worker.computePool().queueDepth()).isEqualTo(1);

            PartnerQuery query = PartnerQuery.blind(WorkerFixture.GROUP, new KeyEpochContext("trust", "acme", 1),
                    Normalization.NONE, List.of("alice"), new SecureRandom());
            HttpResponse<String> refused = fixture.post("/v1/psi-ca", PsiMediaTypes.ELEMENTS_V1,
                    ElementBatch.query(1, query.blinded()).encode());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(new JsonObject(refused.body()).getString("type"))
                    .isEqualTo("https://trustfabric.io/problems/overloaded");

            release.countDown();
            assertThat(blocker.get()).isTrue();
            assertThat(queued.get()).isTrue();
            assertThat(fixture.client()
                    .cardinality(List.of("alice", "zed"))).isEqualTo(1);
        }
    }
}
