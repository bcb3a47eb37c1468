package io.trustfabric.operator.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's HTTPS endpoint (JDK HTTP server, TLS 1.2 and 1.3): {@code POST /validate} takes an AdmissionReview
 * and answers one for the same uid. A body that is not an AdmissionReview gets 400, any other path 404, any other
 * method 405. The certificate comes from a {@link RotatingKeyManager}, so rotation needs no restart.
 */
final class WebhookServer implements AutoCloseable {

    static final String PATH = "/validate";
    /** An object is at most 1.5 MiB in etcd; a review carries it twice (object and oldObject). */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpsServer server;
    private final ExecutorService executor;
    private final PolicyAdmission admission;

    private WebhookServer(HttpsServer server, ExecutorService executor, PolicyAdmission admission) {
        this.server = server;
        this.executor = executor;
        this.admission = admission;
    }

    /** Binds and starts serving; port 0 picks a free port. */
    static WebhookServer start(String bindAddress, int port, KeyManager keyManager, PolicyAdmission admission)
            throws IOException {
        SSLContext tls;
        try {
            tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[] {keyManager}, null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no TLS", e);
        }
        HttpsServer server = HttpsServer.create(new InetSocketAddress(bindAddress, port), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                parameters.setNeedClientAuth(false);
                params.setSSLParameters(parameters);
            }
        });
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "admission-webhook");
            thread.setDaemon(true);
            return thread;
        });
        WebhookServer webhook = new WebhookServer(server, executor, admission);
        server.createContext("/", webhook::exchange);
        server.setExecutor(executor);
        server.start();
        return webhook;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                sendText(exchange, 404, "The admission webhook answers POST " + PATH + " only.");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                sendText(exchange, 405, "POST an AdmissionReview to " + PATH + ".");
                return;
            }
            byte[] body = readBody(exchange);
            if (body == null) {
                sendText(exchange, 413, "An AdmissionReview of at most " + MAX_BODY_BYTES + " bytes is expected.");
                return;
            }
            ReviewRequest request;
            try {
                request = ReviewRequest.parse(body);
            } catch (MalformedReviewException e) {
                LOG.warn("Malformed admission request from {}: {}", exchange.getRemoteAddress(), e.getMessage());
                sendText(exchange, 400, "Not an AdmissionReview (" + ReviewRequest.API_VERSION + "): "
                        + e.getMessage());
                return;
            }
            ReviewResponse response = admission.review(request);
            byte[] json = JSON.writeValueAsBytes(response.toReview());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        } catch (RuntimeException e) {
            // PolicyAdmission answers linter failures itself; this is a bug in the webhook: never take the server down
            LOG.error("The admission webhook failed to answer {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI(), e);
            sendText(exchange, 500, "The admission webhook failed; see the operator log.");
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) {
        try {
            byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not send the {} answer: {}", status, e.toString());
        }
    }
}
