package io.trustfabric.loadtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for the operator's decision-log endpoint ({@code POST …/policy/decisions}) during the policy benchmark,
 * so the benchmark's OPA uploads its decision logs over HTTP as the sidecar does. It reads and discards each
 * (gzipped) upload and answers 204; {@code GET /stats} reports uploads and bytes received.
 * Usage: {@code DecisionLogSink --port N}.
 */
public final class DecisionLogSink {
    private final AtomicLong uploads = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    private DecisionLogSink() {
    }

    public static void main(String[] args) throws IOException {
        int port = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].equals("--port")) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            port = Integer.parseInt(args[i + 1]);
        }
        DecisionLogSink sink = new DecisionLogSink();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", sink::handle);
        server.start();
        System.out.println("decision-log sink on 127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals("/stats")) {
                byte[] body = ("{\"uploads\":" + uploads.get() + ",\"bytes\":" + bytes.get() + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            long read = 0;
            byte[] buffer = new byte[16384];
            try (InputStream in = exchange.getRequestBody()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    read += n;
                }
            }
            uploads.incrementAndGet();
            bytes.addAndGet(read);
            exchange.sendResponseHeaders(204, -1);
        }
    }
}
