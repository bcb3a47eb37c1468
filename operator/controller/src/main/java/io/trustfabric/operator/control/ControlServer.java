package io.trustfabric.operator.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker control API (docs/control-api.md): JDK HTTP server on its own port. Every request is authenticated
 * with the tenant's worker token before any route sees it; leader-only routes answer 503 not-leader on a follower.
 */
public final class ControlServer implements AutoCloseable {

    public static final String API_PREFIX = "/control/v1/";
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    /** namespaces/{ns}/tenants/{tenant}{rest}; names are DNS-1123 labels or subdomains. */
    private static final Pattern TENANT_PATH = Pattern.compile(
            "^/control/v1/namespaces/([a-z0-9]([-a-z0-9]*[a-z0-9])?)/tenants/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)(/.*)?$");
    private static final Pattern BEARER = Pattern.compile("^Bearer +(\\S+) *$", Pattern.CASE_INSENSITIVE);

    private final HttpServer server;
    private final ExecutorService executor;
    private final ControlRoutes routes;
    private final WorkerTokens tokens;
    private final LeaderStatus leader;

    private ControlServer(HttpServer server, ExecutorService executor, ControlRoutes routes, WorkerTokens tokens,
                          LeaderStatus leader) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.tokens = tokens;
        this.leader = leader;
    }

    /** Binds and starts serving; port 0 picks a free port. */
    public static ControlServer start(String bindAddress, int port, ControlRoutes routes, WorkerTokens tokens,
                                      LeaderStatus leader) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "control-api");
            thread.setDaemon(true);
            return thread;
        });
        ControlServer control = new ControlServer(server, executor, routes, tokens, leader);
        server.createContext("/", control::exchange);
        server.setExecutor(executor);
        server.start();
        return control;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        ControlResponse response;
        try {
            response = dispatch(exchange);
        } catch (ControlProblem problem) {
            response = problem.toResponse();
        } catch (RuntimeException e) {
            LOG.warn("Control API {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    e.toString());
            response = new ControlProblem(500, "internal-error", "Internal error",
                    "The operator could not answer; retry later.").toResponse();
        }
        send(exchange, response);
    }

    private ControlResponse dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Matcher matcher = TENANT_PATH.matcher(path);
        if (!matcher.matches()) {
            throw ControlProblem.notFound("Control API paths are " + API_PREFIX
                    + "namespaces/{namespace}/tenants/{tenant}/...; got '" + path + "'.");
        }
        String namespace = matcher.group(1);
        String tenant = matcher.group(3);
        String rest = matcher.group(5) == null ? "/" : matcher.group(5);
        authenticate(exchange, namespace, tenant);
        ControlRoutes.Match match = routes.resolve(exchange.getRequestMethod(), rest);
        if (match.route().leaderOnly() && !leader.isLeader()) {
            throw ControlProblem.notLeader();
        }
        ControlRequest request = new ControlRequest(exchange.getRequestMethod(), namespace, tenant,
                match.pathParameters(), headers(exchange), readBody(exchange, match.route().maxBodyBytes()));
        return match.route().handle(request);
    }

    private void authenticate(HttpExchange exchange, String namespace, String tenant) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            throw ControlProblem.unauthorized("Send the tenant's worker token as 'Authorization: Bearer <token>'.");
        }
        Matcher bearer = BEARER.matcher(authorization);
        if (!bearer.matches()) {
            throw ControlProblem.unauthorized("The Authorization header must be 'Bearer <token>'.");
        }
        switch (tokens.check(namespace, tenant, bearer.group(1))) {
            case THIS_TENANT -> {
            }
            case OTHER_TENANT -> throw ControlProblem.forbidden("The worker token belongs to another tenant; a worker"
                    + " may only call the control API of its own tenant " + namespace + "/" + tenant + ".");
            case UNKNOWN -> throw ControlProblem.unauthorized("The worker token is not valid for any tenant.");
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!header.getValue().isEmpty() && !"authorization".equalsIgnoreCase(header.getKey())) {
                headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().get(0));
            }
        }
        return headers;
    }

    private static byte[] readBody(HttpExchange exchange, int maxBytes) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new ControlProblem(413, "payload-too-large", "Request body too large",
                        "This control API resource accepts request bodies of at most " + maxBytes + " bytes.");
            }
            return body;
        }
    }

    private static void send(HttpExchange exchange, ControlResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        Optional.ofNullable(response.contentType())
                .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        byte[] body = response.body();
        boolean noBody = body.length == 0 || response.status() == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!noBody) {
                out.write(body);
            }
        }
    }
}
