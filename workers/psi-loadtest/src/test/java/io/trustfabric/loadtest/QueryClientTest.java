package io.trustfabric.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drivers' client against a hand-written server that answers, stalls or hangs up. */
class QueryClientTest {
    private ServerSocket server;

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void sendsTheHeadAndBodyAndReusesTheConnection() throws Exception {
        CompletableFuture<String> firstRequest = new CompletableFuture<>();
        Thread worker = serve(socket -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 2; i++) {
                String request = readRequest(in, 4);
                if (i == 0) {
                    firstRequest.complete(request);
                }
                out.write("HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        });
        try (QueryClient client = client(Duration.ofSeconds(5))) {
            QueryClient.Query query = client.elementsPost("/t/v1/psi-ca");
            for (int i = 0; i < 2; i++) {   // one after the other: the second must use the same connection
                QueryClient.Answer answer = send(client, query, "body");
                assertThat(answer.succeeded()).isTrue();
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.bodyBytes()).isEqualTo(3);
            }
        }
        worker.join(5_000);
        assertThat(firstRequest.get(1, TimeUnit.SECONDS))
                .startsWith("POST /t/v1/psi-ca HTTP/1.1\r\n")
                .contains("X-TrustFabric-Api-Key: key-1\r\n", "Content-Length: 4\r\n\r\nbody");
    }

    @Test
    void aQueryWithoutAnAnswerTimesOut() throws Exception {
        Thread worker = serve(socket -> {
            readRequest(socket.getInputStream(), 4);
            Thread.sleep(3_000);
        });
        try (QueryClient client = client(Duration.ofMillis(200))) {
            QueryClient.Answer answer = send(client, client.elementsPost("/v1/psi"), "body");
            assertThat(answer.succeeded()).isFalse();
            assertThat(answer.failure()).isEqualTo("timeout after 200 ms");
        }
        worker.interrupt();
    }

    @Test
    void aWorkerThatHangsUpFailsTheQuery() throws Exception {
        serve(socket -> {
            readRequest(socket.getInputStream(), 4);
            socket.close();
        });
        try (QueryClient client = client(Duration.ofSeconds(5))) {
            QueryClient.Answer answer = send(client, client.elementsPost("/v1/psi"), "body");
            assertThat(answer.succeeded()).isFalse();
            assertThat(answer.failure()).isEqualTo("connection closed by the worker");
        }
    }

    @Test
    void awaitAnswersCountsQueriesStillOpenAndCloseFailsThem() throws Exception {
        Thread worker = serve(socket -> {
            readRequest(socket.getInputStream(), 4);
            Thread.sleep(5_000);
        });
        QueryClient client = client(Duration.ofSeconds(30));
        CompletableFuture<QueryClient.Answer> answer = new CompletableFuture<>();
        client.send(client.elementsPost("/v1/psi"), "body".getBytes(StandardCharsets.US_ASCII), answer::complete);
        assertThat(client.awaitAnswers(Duration.ofMillis(200))).isEqualTo(1);
        client.close();
        assertThat(answer.get(5, TimeUnit.SECONDS).failure()).isEqualTo("client closed");
        assertThat(client.awaitAnswers(Duration.ZERO)).isZero();
        worker.interrupt();
    }

    @Test
    void aQueryAfterCloseFailsAtOnce() throws Exception {
        QueryClient client = client(Duration.ofSeconds(5));
        client.close();
        assertThat(send(client, client.elementsPost("/v1/psi"), "x").failure()).isEqualTo("client closed");
    }

    private QueryClient client(Duration timeout) {
        return new QueryClient(URI.create("http://127.0.0.1:" + server.getLocalPort()), "key-1", timeout);
    }

    private static QueryClient.Answer send(QueryClient client, QueryClient.Query query, String body) throws Exception {
        CompletableFuture<QueryClient.Answer> answer = new CompletableFuture<>();
        client.send(query, body.getBytes(StandardCharsets.US_ASCII), answer::complete);
        return answer.get(10, TimeUnit.SECONDS);
    }

    private interface Conversation {
        void run(Socket socket) throws Exception;
    }

    private Thread serve(Conversation conversation) {
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                conversation.run(socket);
            } catch (Exception ignored) {
                // the test's assertions say what went wrong
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The request head plus a body of {@code bodyBytes}, as text. */
    private static String readRequest(InputStream in, int bodyBytes) throws Exception {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("client hung up");
            }
            text.append((char) b);
        }
        text.append(new String(in.readNBytes(bodyBytes), StandardCharsets.US_ASCII));
        return text.toString();
    }
}
