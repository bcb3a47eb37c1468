package io.trustfabric.worker;

import static io.trustfabric.worker.policy.TestOpa.tenantData;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.testsupport.RequiresOpa;
import io.trustfabric.worker.policy.TestOpa;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a policy engine the worker is not ready until OPA has activated its bundles; liveness is unaffected. */
@RequiresOpa
class PolicyReadinessTest {
    @TempDir
    Path dir;

    @Test
    void notReadyUntilOpaHasItsBundles(ControlPlaneBinaries binaries) throws Exception {
        AtomicReference<byte[]> published = new AtomicReference<>();
        HttpServer bundleService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bundleService.createContext("/bundle.tar.gz", exchange -> {
            byte[] bundle = published.get();
            if (bundle == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/gzip");
                exchange.sendResponseHeaders(200, bundle.length);
                exchange.getResponseBody().write(bundle);
            }
            exchange.close();
        });
        bundleService.start();
        JsonObject config = WorkerFixture.config(dir, List.of("alice", "bob"));
        try (TestOpa opa = TestOpa.startWithBundleService(binaries, dir,
                "http://127.0.0.1:" + bundleService.getAddress().getPort());
             WorkerFixture worker = WorkerFixture.startReady(dir, config.put("policy",
                     new JsonObject().put("opaUrl", opa.url())))) {
            HttpResponse<byte[]> before = worker.get("/readyz");
            assertThat(before.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(new String(before.body())).getString("policy")).isEqualTo("unavailable");
            assertThat(worker.get("/healthz").statusCode()).isEqualTo(200);

            published.set(TestOpa.build(binaries, TestOpa.bundle(dir, tenantData("acme", 1, false)),
                    dir.resolve("bundle.tar.gz")));
            HttpResponse<byte[]> after = awaitReady(worker);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(new String(after.body())).getString("status")).isEqualTo("READY");
        } finally {
            bundleService.stop(0);
        }
    }

    /** Polls /readyz until 200 (OPA polls its bundle every 1-2 s; the worker caches OPA's health for up to 1 s). */
    private static HttpResponse<byte[]> awaitReady(WorkerFixture worker) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        HttpResponse<byte[]> last = worker.get("/readyz");
        while (last.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = worker.get("/readyz");
        }
        return last;
    }
}
