package io.trustfabric.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.wire.PsiMediaTypes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: slow or greedy clients are cut off. Raw sockets that send half a request and stall are closed by the
 * worker (request-header and body read timeouts), and one client address cannot hold more than
 * {@code http.maxConnectionsPerAddress} connections. Only closure is asserted, never how fast it came: a read
 * that sees neither data nor the end within {@link #GIVE_UP_MILLIS} fails the test as "still open".
 */
class SlowClientTest {
    /** Far above the configured timeouts; only a bound on how long the test waits for the worker to close. */
    private static final int GIVE_UP_MILLIS = 20_000;
    private static final List<String> SERVER = List.of("alice", "bob", "carol");

    @TempDir
    Path dir;

    private WorkerFixture start(String name, long headerMillis, long bodyMillis, int perAddress) throws Exception {
        Path own = Files.createDirectories(dir.resolve(name));
        JsonObject config = WorkerFixture.config(own, SERVER);
        config.getJsonObject("http").put("requestHeaderTimeoutMillis", headerMillis)
                .put("requestBodyTimeoutMillis", bodyMillis).put("maxConnectionsPerAddress", perAddress);
        return WorkerFixture.startReady(own, config);
    }

    @Test
    void halfSentHeadersAndHalfSentBodiesAreClosedAndOtherClientsAreServed() throws Exception {
        try (WorkerFixture fixture = start("timeouts", 300, 300, 64)) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    Socket halfHeaders = connect(fixture, "127.0.0.1");
                    send(halfHeaders, "POST /v1/psi-ca HTTP/1.1\r\nHost: worker\r\nContent-Type: "); // and stall
                    stalled.add(halfHeaders);
                    Socket halfBody = connect(fixture, "127.0.0.1");
                    send(halfBody, "POST /v1/psi-ca HTTP/1.1\r\nHost: worker\r\nX-TrustFabric-Api-Key: "
                            + WorkerFixture.API_KEY + "\r\nContent-Type: " + PsiMediaTypes.ELEMENTS_V1
                            + "\r\nContent-Length: 1040\r\n\r\nTF"); // 2 of 1,040 bytes, then stall
                    stalled.add(halfBody);
                    Socket nothing = connect(fixture, "127.0.0.1"); // connects and never says anything
                    stalled.add(nothing);
                }
                for (Socket socket : stalled) {
                    assertClosedByWorker(socket);
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
            // a normal client is unaffected, and so is a kept-alive connection that is used promptly
            assertThat(fixture.client().cardinality(List.of("alice", "dave"))).isEqualTo(1);
            assertThat(fixture.client().cardinality(List.of("bob", "carol", "erin"))).isEqualTo(2);
            String metrics = new String(fixture.get("/metrics").body(), StandardCharsets.UTF_8);
            assertThat(metric(metrics, "trustfabric_psi_connections_closed_total{reason=\"header-timeout\"}"))
                    .isGreaterThanOrEqualTo(10);
            assertThat(metric(metrics, "trustfabric_psi_connections_closed_total{reason=\"body-timeout\"}"))
                    .isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void oneAddressCannotHoldMoreThanTheCapAndOtherAddressesAreUnaffected() throws Exception {
        try (WorkerFixture fixture = start("cap", 60_000, 60_000, 3)) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(connect(fixture, "127.0.0.2"));
                }
                assertThat(healthz(held.get(0))).startsWith("HTTP/1.1 200"); // accepted and served
                Socket fourth = connect(fixture, "127.0.0.2");
                assertClosedByWorker(fourth);
                fourth.close();
                // another address is not affected by 127.0.0.2's connections
                try (Socket other = connect(fixture, "127.0.0.3")) {
                    assertThat(healthz(other)).startsWith("HTTP/1.1 200");
                }
                assertThat(fixture.client().cardinality(List.of("alice"))).isEqualTo(1);
                // once one of them is gone, 127.0.0.2 may connect again
                held.remove(0).close();
                String answer = null;
                for (int attempt = 0; attempt < 100 && answer == null; attempt++) {
                    try (Socket again = connect(fixture, "127.0.0.2")) {
                        answer = healthz(again);
                    } catch (IOException refusedYet) {
                        Thread.sleep(50); // the worker has not yet seen the close
                    }
                }
                assertThat(answer).startsWith("HTTP/1.1 200");
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
            String metrics = new String(fixture.get("/metrics").body(), StandardCharsets.UTF_8);
            assertThat(metric(metrics, "trustfabric_psi_connections_closed_total{reason=\"too-many-connections\"}"))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    /**
     * A client that hangs up mid-body is a client abort, not a server error: audited as {@code client-closed}
     * (no status: nothing was answered), no {@code internal} outcome in the metrics, nothing logged as an error.
     */
    @Test
    void aClientThatHangsUpMidBodyIsAuditedAsClientClosedNotAsAServerError() throws Exception {
        try (LogCapture logs = new LogCapture("io.trustfabric", "trustfabric.audit");
             WorkerFixture fixture = start("abort", 60_000, 60_000, 64)) {
            try (Socket socket = connect(fixture, "127.0.0.1")) {
                send(socket, "POST /v1/psi-ca HTTP/1.1\r\nHost: worker\r\nX-Request-Id: hangs-up\r\n"
                        + "X-TrustFabric-Api-Key: " + WorkerFixture.API_KEY + "\r\nContent-Type: "
                        + PsiMediaTypes.ELEMENTS_V1 + "\r\nContent-Length: 1040\r\n\r\nTF\u0001\u0001");
                Thread.sleep(300); // let the worker read the headers (either way the request is unfinished), then hang up
            }
            List<String> audit = List.of();
            for (int i = 0; i < 500 && audit.isEmpty(); i++) {
                audit = logs.lines("trustfabric.audit").stream().filter(l -> l.contains("hangs-up")).toList();
                Thread.sleep(10);
            }
            assertThat(audit).hasSize(1);
            JsonObject line = new JsonObject(audit.get(0));
            assertThat(line.getString("decision")).isEqualTo("aborted");
            assertThat(line.getString("reason")).isEqualTo("client-closed");
            // the body is read before the partner is authenticated, so a hang-up mid-body has no partner yet
            assertThat(line.getString("partner")).isEqualTo("unauthenticated");
            assertThat(line.containsKey("status")).isFalse();
            String metrics = new String(fixture.get("/metrics").body(), StandardCharsets.UTF_8);
            assertThat(metrics).doesNotContain("outcome=\"internal\"").contains("outcome=\"client-closed\"");
            assertThat(metrics).doesNotContain("reason=\"internal\"");
            assertThat(logs.lines()).noneMatch(l -> l.contains("request failed") || l.contains("HttpClosedException"));
        }
    }

    private static Socket connect(WorkerFixture fixture, String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", fixture.worker.port()), GIVE_UP_MILLIS);
        socket.setSoTimeout(GIVE_UP_MILLIS);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** GET /healthz on the socket; the status line and headers read (throws if the worker closed it). */
    private static String healthz(Socket socket) throws IOException {
        send(socket, "GET /healthz HTTP/1.1\r\nHost: worker\r\n\r\n");
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed by the worker");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** The worker closed the connection: the read ends (after any answer it sent) instead of timing out. */
    private static void assertClosedByWorker(Socket socket) {
        byte[] buffer = new byte[4096];
        try {
            InputStream in = socket.getInputStream();
            while (in.read(buffer) >= 0) {
                // an answer (e.g. 408) before the close is fine: read to the end
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the worker kept a stalled connection open for " + GIVE_UP_MILLIS + " ms", e);
        } catch (SocketException e) {
            // reset by the worker: closed too
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static double metric(String text, String series) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
