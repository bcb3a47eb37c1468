package io.trustfabric.worker.http;

import io.trustfabric.worker.config.WorkerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protects the HTTP server from clients that hold connections without finishing requests (issue 18): a
 * connection must deliver a request's complete headers within {@code http.requestHeaderTimeoutMillis} of opening
 * (or of the end of the previous answer, when kept alive), and a started body must not go without a byte for
 * {@code http.requestBodyTimeoutMillis}; and one client IP address holds at most
 * {@code http.maxConnectionsPerAddress} connections at once (the next ones are closed as soon as they open).
 * Nothing is timed while a complete request is being computed and answered.
 *
 * <p>Each connection has one periodic check on its own event loop (a fifth of the shorter timeout, so a stalled
 * connection is closed at most 20 % after its timeout). Vert.x has no read timeout that spares the computation
 * (its idle timeouts also fire while a long query is computed), and reading progress is observed through
 * {@link HttpServerRequest#bytesRead()}, which leaves the body to the route's body handler.
 */
public final class ConnectionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    public static final String HEADER_TIMEOUT = "header-timeout";
    public static final String BODY_TIMEOUT = "body-timeout";
    public static final String TOO_MANY_CONNECTIONS = "too-many-connections";

    private final Vertx vertx;
    private final long headerTimeoutNanos;
    private final long bodyTimeoutNanos;
    private final long checkMillis;
    private final int maxPerAddress;
    private final Consumer<String> closed;
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

    /** {@code closed} counts the connections the guard closes, by reason. */
    public ConnectionGuard(Vertx vertx, WorkerConfig.Http http, Consumer<String> closed) {
        this.vertx = vertx;
        this.headerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(http.requestHeaderTimeoutMillis());
        this.bodyTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(http.requestBodyTimeoutMillis());
        this.checkMillis = Math.max(10, Math.min(http.requestHeaderTimeoutMillis(), http.requestBodyTimeoutMillis()) / 5);
        this.maxPerAddress = http.maxConnectionsPerAddress();
        this.closed = closed;
    }

    /** The server's connection handler: admits the connection (or closes it at once) and starts watching it. */
    public void connected(HttpConnection connection) {
        String address = address(connection);
        if (!admit(address)) {
            LOG.debug("closing a connection from {}: it already holds {} connections", address, maxPerAddress);
            closed.accept(TOO_MANY_CONNECTIONS);
            connection.close();
            return;
        }
        Watch watch = new Watch(connection);
        watches.put(connection, watch);
        connection.closeHandler(v -> {
            watches.remove(connection);
            vertx.cancelTimer(watch.timer);
            release(address);
        });
        watch.timer = vertx.setPeriodic(checkMillis, id -> watch.check());
    }

    /** Called with every request, before routing: its headers are complete, its body (if any) is being read. */
    public void request(HttpServerRequest request) {
        Watch watch = watches.get(request.connection());
        if (watch != null) {
            watch.started(request);
        }
    }

    private boolean admit(String address) {
        if (maxPerAddress <= 0) {
            return true;
        }
        boolean[] admitted = {false};
        perAddress.compute(address, (a, open) -> {
            int now = open == null ? 0 : open;
            if (now >= maxPerAddress) {
                return open;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    private void release(String address) {
        if (maxPerAddress > 0) {
            perAddress.computeIfPresent(address, (a, open) -> open <= 1 ? null : open - 1);
        }
    }

    private static String address(HttpConnection connection) {
        SocketAddress remote = connection.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    /** One connection's state; touched only on the connection's event loop. */
    private final class Watch {
        private final HttpConnection connection;
        private long timer;
        private HttpServerRequest current;
        /** When the connection began to wait for the next request's headers; 0 while a request is in progress. */
        private long idleSince = System.nanoTime();
        private long lastBytes;
        private long lastProgress;

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        void started(HttpServerRequest request) {
            current = request;
            idleSince = 0;
            lastBytes = request.bytesRead();
            lastProgress = System.nanoTime();
        }

        void check() {
            long now = System.nanoTime();
            if (current != null && !current.isEnded()) { // headers in, body incomplete: must keep arriving
                long bytes = current.bytesRead();
                if (bytes != lastBytes) {
                    lastBytes = bytes;
                    lastProgress = now;
                } else if (now - lastProgress > bodyTimeoutNanos) {
                    close(BODY_TIMEOUT, "no byte of the request body");
                }
                return;
            }
            if (current != null && !current.response().ended() && !current.response().closed()) {
                return; // a complete request being computed and answered: never timed here
            }
            if (idleSince == 0) { // the previous answer is out: the next request's headers are awaited
                current = null;
                idleSince = now;
            }
            if (now - idleSince > headerTimeoutNanos) {
                close(HEADER_TIMEOUT, "no complete request headers");
            }
        }

        private void close(String reason, String what) {
            vertx.cancelTimer(timer);
            LOG.debug("closing the connection from {}: {} within the timeout ({})", address(connection), what, reason);
            closed.accept(reason);
            connection.close();
        }
    }
}
