package io.trustfabric.loadtest;

import io.trustfabric.psi.wire.PsiMediaTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The load drivers' HTTP/1.1: one selector thread over keep-alive connections, one query in flight per
 * connection, each query's request head built once. The drivers share the machine with the worker, so every
 * microsecond they spend is taken from it: {@code java.net.http} cost about a millisecond of CPU per query here,
 * a Vert.x client about 0.35 ms, this one a small fraction of that (docs/benchmarks/load.md). It understands just
 * what the worker sends: a status line, headers and a {@code Content-Length} body; anything else fails the query.
 */
final class QueryClient implements AutoCloseable {
    /** Enough connections for every query in flight at 600 req/s with a second of latency. */
    static final int MAX_CONNECTIONS = 1024;
    private static final long TIMEOUT_CHECK_NANOS = 50_000_000L;

    /** What came back: the status and how many body bytes, or why there is no answer ({@code failure} set). */
    record Answer(int status, int bodyBytes, String failure) {
        static Answer failed(String why) {
            return new Answer(0, 0, why);
        }

        boolean succeeded() {
            return failure == null;
        }
    }

    /** A POST to one path: the request head up to the Content-Length value, encoded once. */
    static final class Query {
        private final byte[] headPrefix;

        private Query(byte[] headPrefix) {
            this.headPrefix = headPrefix;
        }

        ByteBuffer head(int bodyLength) {
            byte[] length = (bodyLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            return ByteBuffer.allocate(headPrefix.length + length.length).put(headPrefix).put(length).flip();
        }
    }

    private final URI endpoint;
    private final InetSocketAddress address;
    private final String apiKey;
    private final long timeoutNanos;
    private final Selector selector;
    private final Queue<Exchange> submitted = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waitingForConnection = new ArrayDeque<>();
    private final List<Connection> busy = new ArrayList<>();
    private final Thread loop;
    private volatile boolean closed;
    private int openConnections;

    QueryClient(URI endpoint, String apiKey, Duration timeout) {
        if (!"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("the load drivers speak plain HTTP only, got " + endpoint);
        }
        this.endpoint = endpoint;
        this.address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort() > 0 ? endpoint.getPort() : 80);
        this.apiKey = apiKey;
        this.timeoutNanos = timeout.toNanos();
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.loop = new Thread(this::run, "query-client");
        loop.setDaemon(true);
        loop.start();
    }

    /** A POST of blinded elements to {@code path}, to build once and pass to every {@link #send}. */
    Query elementsPost(String path) {
        StringBuilder head = new StringBuilder()
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(address.getHostString()).append(':').append(address.getPort()).append("\r\n")
                .append("Content-Type: ").append(PsiMediaTypes.ELEMENTS_V1).append("\r\n");
        if (apiKey != null) {
            head.append("X-TrustFabric-Api-Key: ").append(apiKey).append("\r\n");
        }
        head.append("Content-Length: ");
        return new Query(head.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** GET {@code path}, waiting for the body; anything but 200 is an error. Set-up only: not on the hot path. */
    byte[] get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(60));
        if (apiKey != null) {
            request.header("X-TrustFabric-Api-Key", apiKey);
        }
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /**
     * Sends {@code body} from any thread; {@code done} runs once on the client's thread with the answer or why
     * there is none (a query without an answer within the timeout fails, and so does one sent after close).
     */
    void send(Query query, byte[] body, Consumer<Answer> done) {
        if (closed) {
            done.accept(Answer.failed("client closed"));
            return;
        }
        submitted.add(new Exchange(query.head(body.length), ByteBuffer.wrap(body), done));
        selector.wakeup();
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long nextTimeoutCheck = System.nanoTime() + TIMEOUT_CHECK_NANOS;
        try {
            while (!closed) {
                selector.select(TIMEOUT_CHECK_NANOS / 1_000_000);
                for (Exchange exchange; (exchange = submitted.poll()) != null; ) {
                    dispatch(exchange);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    ((Connection) key.attachment()).ready(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now >= nextTimeoutCheck) {
                    expire(now);
                    nextTimeoutCheck = now + TIMEOUT_CHECK_NANOS;
                }
            }
        } catch (IOException e) {
            failEverything("selector failed: " + e);
            return;
        }
        failEverything("client closed");
    }

    private void dispatch(Exchange exchange) {
        Connection connection = idle.pollFirst();
        if (connection != null) {
            connection.start(exchange);
        } else if (openConnections < MAX_CONNECTIONS) {
            open(exchange);
        } else {
            waitingForConnection.addLast(exchange);
        }
    }

    private void open(Exchange exchange) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Connection connection = new Connection(channel);
            openConnections++;
            connection.exchange = exchange;
            exchange.deadline = System.nanoTime() + timeoutNanos;
            busy.add(connection);
            if (channel.connect(address)) {
                connection.key = channel.register(selector, 0, connection);
                connection.write();
            } else {
                connection.key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
            }
        } catch (IOException e) {
            exchange.done.accept(Answer.failed(e.getClass().getSimpleName()));
        }
    }

    private void released(Connection connection) {
        busy.remove(connection);
        Exchange next = waitingForConnection.pollFirst();
        if (next != null) {
            connection.start(next);
        } else {
            idle.addFirst(connection);
        }
    }

    private void discarded(Connection connection) {
        busy.remove(connection);
        idle.remove(connection);
        openConnections--;
        Exchange next = waitingForConnection.pollFirst();
        if (next != null) {
            open(next);
        }
    }

    private void expire(long now) {
        for (Connection connection : List.copyOf(busy)) {
            if (connection.exchange != null && now - connection.exchange.deadline > 0) {
                connection.fail("timeout after " + timeoutNanos / 1_000_000 + " ms");
            }
        }
    }

    private void failEverything(String why) {
        for (Exchange exchange; (exchange = waitingForConnection.poll()) != null; ) {
            exchange.done.accept(Answer.failed(why));
        }
        for (Exchange exchange; (exchange = submitted.poll()) != null; ) {
            exchange.done.accept(Answer.failed(why));
        }
        for (Connection connection : List.copyOf(busy)) {
            connection.fail(why);
        }
        for (Connection connection : List.copyOf(idle)) {
            connection.closeChannel();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One query: its encoded head and body, who to tell, and when it times out. */
    private static final class Exchange {
        final ByteBuffer[] request;
        final Consumer<Answer> done;
        long deadline;

        Exchange(ByteBuffer head, ByteBuffer body, Consumer<Answer> done) {
            this.request = new ByteBuffer[] {head, body};
            this.done = done;
        }
    }

    /** A keep-alive connection carrying one exchange at a time. */
    private final class Connection {
        final SocketChannel channel;
        final ResponseReader reader = new ResponseReader();
        SelectionKey key;
        Exchange exchange;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void start(Exchange next) {
            exchange = next;
            next.deadline = System.nanoTime() + timeoutNanos;
            busy.add(this);
            write();
        }

        void ready(SelectionKey selected) {
            if (!selected.isValid()) {
                return;
            }
            try {
                if (selected.isConnectable() && channel.finishConnect()) {
                    write();
                } else if (selected.isWritable()) {
                    write();
                } else if (selected.isReadable()) {
                    read();
                }
            } catch (IOException e) {
                fail(e.getClass().getSimpleName());
            }
        }

        void write() {
            try {
                channel.write(exchange.request);
                boolean pending = exchange.request[1].hasRemaining();
                key.interestOps(pending ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                if (!pending) {
                    reader.reset();
                }
            } catch (IOException e) {
                fail(e.getClass().getSimpleName());
            }
        }

        void read() throws IOException {
            ResponseReader.Progress progress = reader.readFrom(channel);
            switch (progress) {
                case MORE -> { }
                case COMPLETE -> complete();
                case CLOSED -> fail("connection closed by the worker");
                case MALFORMED -> fail("malformed response: " + reader.problem());
            }
        }

        private void complete() {
            Exchange finished = exchange;
            exchange = null;
            finished.done.accept(new Answer(reader.status(), reader.bodyBytes(), null));
            if (reader.keepAlive()) {
                key.interestOps(0);
                released(this);
            } else {
                closeChannel();
                discarded(this);
            }
        }

        void fail(String why) {
            Exchange failed = exchange;
            exchange = null;
            closeChannel();
            discarded(this);
            if (failed != null) {
                failed.done.accept(Answer.failed(why));
            }
        }

        void closeChannel() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }
}
