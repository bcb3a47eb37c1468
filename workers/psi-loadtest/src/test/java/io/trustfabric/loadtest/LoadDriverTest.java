package io.trustfabric.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a stand-in worker that answers late, refuses some queries and gets some answers wrong. */
class LoadDriverTest {
    private static final int ELEMENTS = 2;

    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger wrongSize = new AtomicInteger();
    private final Set<String> badRequests = ConcurrentHashMap.newKeySet();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void startStandInWorker() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            int n = received.incrementAndGet();
            if (!"key-1".equals(request.getHeader("X-TrustFabric-Api-Key"))
                    || !PsiMediaTypes.ELEMENTS_V1.equals(request.getHeader("Content-Type"))
                    || !request.path().equals("/v1/psi-ca") || body.length() != 7) {
                badRequests.add(request.method() + " " + request.path() + " " + body.length());
            }
            if (n % 5 == 0) {
                refused.incrementAndGet();
                request.response().setStatusCode(429).putHeader("Retry-After", "1").end();
            } else if (n % 7 == 0) {
                wrongSize.incrementAndGet();
                request.response().end(Buffer.buffer(new byte[3]));
            } else { // answered late, so many queries are in flight at once
                vertx.setTimer(1 + n % 40, id -> request.response()
                        .end(Buffer.buffer(new byte[(int) ElementBatch.encodedSize(ELEMENTS)])));
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyQuerySentIsCountedOnceAsAnsweredOrByItsError() throws Exception {
        LoadOptions options = new LoadOptions(URI.create("http://127.0.0.1:" + server.actualPort()), "psi-ca", 400,
                Duration.ZERO, Duration.ofSeconds(1), ELEMENTS, 1, 0, "key-1");
        LoadReport report;
        try (LoadDriver driver = new LoadDriver(options)) {
            long nanos = driver.run(PrecomputedRequests.of(List.of(new byte[7])), options.duration());
            report = driver.report(nanos);
        }

        assertThat(badRequests).isEmpty();
        assertThat(received.get()).isBetween(390, 410);
        assertThat(report.succeeded() + report.failed()).isEqualTo(received.get());
        assertThat(report.errors()).containsOnlyKeys("HTTP 429", "wrong answer size")
                .containsEntry("HTTP 429", (long) refused.get())
                .containsEntry("wrong answer size", (long) wrongSize.get());
        assertThat(report.latency().getTotalCount()).isEqualTo(received.get());
    }
}
