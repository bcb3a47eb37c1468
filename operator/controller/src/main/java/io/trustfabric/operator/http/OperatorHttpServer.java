package io.trustfabric.operator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The operator process's own HTTP endpoints: /healthz (liveness), /readyz (readiness) and /metrics
 * (Prometheus text format).
 */
public final class OperatorHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private OperatorHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param readiness says whether the operator is ready and, if not, why
     */
    public static OperatorHttpServer start(String bindAddress, int port, PrometheusRegistry registry,
                                           Supplier<HealthCheck> readiness) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
        server.createContext("/healthz", exchange -> respond(exchange, HealthCheck.healthy("ok")));
        server.createContext("/readyz", exchange -> respond(exchange, readiness.get()));
        server.createContext("/metrics", exchange -> {
            if (!allowGet(exchange)) {
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            writer.write(body, registry.scrape());
            send(exchange, 200, writer.getContentType(), body.toByteArray());
        });
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "operator-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new OperatorHttpServer(server, executor);
    }

    /** Serves {@code handler} for every path under {@code prefix} (features add their read-only pages here). */
    public void route(String prefix, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(prefix, handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void respond(HttpExchange exchange, HealthCheck check) throws IOException {
        if (!allowGet(exchange)) {
            return;
        }
        send(exchange, check.healthy() ? 200 : 503, "text/plain; charset=utf-8",
                (check.detail() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static boolean allowGet(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
        return false;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }

    /** Result of a health check. */
    public record HealthCheck(boolean healthy, String detail) {
        public static HealthCheck healthy(String detail) {
            return new HealthCheck(true, detail);
        }

        public static HealthCheck unhealthy(String detail) {
            return new HealthCheck(false, detail);
        }
    }
}
