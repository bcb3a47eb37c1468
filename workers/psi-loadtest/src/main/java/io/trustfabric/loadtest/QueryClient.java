package io.trustfabric.loadtest;

import io.trustfabric.psi.wire.PsiMediaTypes;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The load drivers' HTTP: one Vert.x event loop over pooled keep-alive connections, each query's request
 * line and headers built once. The drivers share the machine with the worker, so every microsecond they
 * spend is taken from it (the JDK's {@code java.net.http} client cost about a millisecond of CPU per query
 * here, this one a fifth of that). Queries are sent and answered on one event-loop context: calling the
 * client from the pacing thread lost answers under overload.
 */
final class QueryClient implements AutoCloseable {
    /** Enough connections for every query in flight at 600 req/s with a second of latency. */
    private static final int MAX_CONNECTIONS = 1024;

    /** What came back: the status and how many body bytes. */
    record Answer(int status, int bodyBytes) {
    }

    private final Vertx vertx;
    private final HttpClientAgent http;
    private final Context sender;
    private final String apiKey;
    private final long timeoutMillis;

    QueryClient(URI endpoint, String apiKey, Duration timeout) {
        if (!"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("the load drivers speak plain HTTP only, got " + endpoint);
        }
        this.apiKey = apiKey;
        this.timeoutMillis = timeout.toMillis();
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.http = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(endpoint.getHost())
                        .setDefaultPort(endpoint.getPort() > 0 ? endpoint.getPort() : 80)
                        .setKeepAlive(true)
                        .setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
        this.sender = vertx.getOrCreateContext();
    }

    /** A POST of blinded elements to {@code path}, to build once and pass to every {@link #send}. */
    RequestOptions elementsPost(String path) {
        return authenticated(new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(path)
                .setConnectTimeout(timeoutMillis) // includes waiting for a pooled connection
                .setIdleTimeout(timeoutMillis)
                .putHeader("Content-Type", PsiMediaTypes.ELEMENTS_V1));
    }

    /** GET {@code path}, waiting for the body; anything but 200 is an error. */
    byte[] get(String path) throws InterruptedException, ExecutionException, TimeoutException {
        RequestOptions get = authenticated(new RequestOptions().setMethod(HttpMethod.GET).setURI(path));
        return http.request(get)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : response.body().compose(body -> Future.failedFuture(
                                "GET " + path + " answered " + response.statusCode() + ": " + body)))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS)
                .getBytes();
    }

    /**
     * Sends {@code body} from any thread; {@code done} runs once on the client's event loop with the answer,
     * or the failure (a query without an answer within the timeout fails).
     */
    void send(RequestOptions request, byte[] body, Handler<AsyncResult<Answer>> done) {
        sender.runOnContext(v -> http.request(request)
                .compose(sent -> sent.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(answer -> new Answer(response.statusCode(), answer.length())))
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .onComplete(done));
    }

    private RequestOptions authenticated(RequestOptions request) {
        return apiKey == null ? request : request.putHeader("X-TrustFabric-Api-Key", apiKey);
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
