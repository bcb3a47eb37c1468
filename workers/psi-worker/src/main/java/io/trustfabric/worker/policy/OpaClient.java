package io.trustfabric.worker.policy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks OPA over its REST data API with the Vert.x HTTP client, so a decision never blocks the event loop. Every
 * exchange has one deadline (connection, request, answer and body together); missing it fails the future.
 */
public final class OpaClient implements AutoCloseable {
    /** The contract's query path (docs/decisions/policies.md). */
    public static final String DECISION_PATH = "/v1/data/trustfabric/decision/result";
    /** 200 only once every configured bundle is activated. */
    public static final String HEALTH_PATH = "/health?bundles";

    private final Vertx vertx;
    private final HttpClientAgent http;
    private final String base;
    private final long timeoutMillis;

    public OpaClient(Vertx vertx, URI opaUrl, long timeoutMillis) {
        this.vertx = vertx;
        this.base = opaUrl.toString().replaceAll("/+$", "");
        this.timeoutMillis = timeoutMillis;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis)),
                new PoolOptions().setHttp1MaxSize(32));
    }

    public String url() {
        return base;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    /**
     * {@code POST /v1/data/trustfabric/decision/result} with {@code {"input": input}}. Fails with a
     * {@link PolicyUnavailableException} unless OPA answers 200 with a usable result in time.
     *
     * <p>Not {@code com.bisnode.opa:opa-java-client}: its calls block the calling thread (java.net.http's
     * synchronous send), which the event loop must never do, and it returns only {@code result}, dropping OPA's
     * {@code decision_id}, which every answer carries in {@code X-TrustFabric-Policy-Decision}.
     */
    public Future<PolicyDecision> decide(JsonObject input) {
        Buffer body = new JsonObject().put("input", input).toBuffer();
        return exchange(HttpMethod.POST, DECISION_PATH, body).map(answer -> {
            if (answer.status() != 200) {
                throw new PolicyUnavailableException("OPA answered HTTP " + answer.status());
            }
            return PolicyDecision.parse(answer.body().toString());
        });
    }

    /** Whether OPA is up with every bundle activated ({@code GET /health?bundles} is 200). Never fails. */
    public Future<Boolean> bundlesActive() {
        return exchange(HttpMethod.GET, HEALTH_PATH, null)
                .map(answer -> answer.status() == 200)
                .otherwise(false);
    }

    private record Answer(int status, Buffer body) {
    }

    private Future<Answer> exchange(HttpMethod method, String path, Buffer body) {
        Promise<Answer> outcome = Promise.promise();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (outcome.tryFail(new PolicyUnavailableException("OPA did not answer within " + timeoutMillis + " ms"))) {
                HttpClientRequest request = sent.get();
                if (request != null) {
                    request.reset();
                }
            }
        });
        // connectTimeout bounds the wait for a pooled connection too, so a query never waits longer than its deadline
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(base + path)
                .setConnectTimeout(timeoutMillis).setIdleTimeout(timeoutMillis);
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        http.request(options)
                .compose(request -> {
                    if (outcome.future().isComplete()) {
                        // Past its deadline while waiting for a connection: the query is already refused. Sending it
                        // anyway would make OPA decide for nobody and, under overload, push every later decision past
                        // its deadline too.
                        request.reset();
                        return Future.<HttpClientResponse>failedFuture("deadline passed before sending");
                    }
                    sent.set(request);
                    return body == null ? request.send() : request.send(body);
                })
                .compose(response -> response.body().map(buffer -> new Answer(response.statusCode(), buffer)))
                .onComplete(result -> {
                    vertx.cancelTimer(timer);
                    if (result.succeeded()) {
                        outcome.tryComplete(result.result());
                    } else {
                        outcome.tryFail(new PolicyUnavailableException("OPA at " + base + " cannot be reached: "
                                + result.cause().getMessage()));
                    }
                });
        return outcome.future();
    }

    @Override
    public void close() {
        http.close();
    }
}
