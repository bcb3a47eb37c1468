package io.trustfabric.worker.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The operator's control API as far as workers poll it: {@code GET …/partners} with ETag, on loopback. */
public final class FakeControlServer implements AutoCloseable {
    private final HttpServer server;
    private final String path;
    private final String token;
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile String document;
    private volatile int failWith;

    public FakeControlServer(String namespace, String tenant, String token, JsonObject document) throws IOException {
        this.path = "/control/v1/namespaces/" + namespace + "/tenants/" + tenant + "/partners";
        this.token = token;
        this.document = document.encode();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            polls.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            if (failWith == 404) {
                byte[] problem = ("{\"type\":\"https://trustfabric.io/problems/control/no-partners\","
                        + "\"title\":\"No partners\",\"status\":404}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(404, problem.length);
                exchange.getResponseBody().write(problem);
            } else if (failWith != 0) {
                exchange.sendResponseHeaders(failWith, -1);
            } else if (!exchange.getRequestURI().getPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
            } else if (!("Bearer " + token).equals(authorization)) {
                exchange.sendResponseHeaders(401, -1);
            } else {
                String body = document;
                String etag = "\"" + sha256(body) + "\"";
                exchange.getResponseHeaders().add("ETag", etag);
                if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    notModified.incrementAndGet();
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void serve(JsonObject newDocument) {
        document = newDocument.encode();
    }

    /**
     * Every poll from now on is answered with {@code status} (0: serve normally again); 404 is the control API's
     * {@code no-partners} problem.
     */
    public void failWith(int status) {
        failWith = status;
    }

    public int polls() {
        return polls.get();
    }

    public int notModified() {
        return notModified.get();
    }

    public List<String> authorizations() {
        return authorizations;
    }

    /**
     * Waits until the worker has completed a poll that started after this call: polls are sequential, so
     * once two more have arrived, the first of them has been answered and applied.
     */
    public void awaitNextCompletedPoll() throws InterruptedException {
        int target = polls.get() + 2;
        long deadline = System.nanoTime() + 20_000_000_000L; // a hang guard, not a timing assertion
        while (polls.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the worker stopped polling the control API");
            }
            Thread.sleep(10);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
