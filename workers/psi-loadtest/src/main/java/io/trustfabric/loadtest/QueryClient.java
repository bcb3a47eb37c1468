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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The load drivers' HTTP/1.1: one selector thread over keep-alive connections, one query in flight per
 * connection, each query's request head built once. The drivers share the machine with the worker, so every
 * microsecond they spend is taken from it: {@code java.net.http} cost about a millisecond of CPU per query here,
 * a Vert.x client 0.3 ms or more, this one a third of that or less (docs/benchmarks/load.md). It understands just
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
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waitingForConnection = new ArrayDeque<>();
    private final List<Connection> busy = new ArrayList<>();
    private final Thread loop;
    private final AtomicLong unanswered = new AtomicLong();
    private volatile boolean closed;
    private int openConnections;
    private Pacing pacing;
    /** Why the client stopped (closed, or its selector failed); set on the client's thread, then every query fails. */
    private String stopped;

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
     * From the client's own thread (inside {@link #pace}) the query goes out at once, without a wake-up.
     */
    void send(Query query, byte[] body, Consumer<Answer> done) {
        if (closed) {
            done.accept(Answer.failed("client closed"));
            return;
        }
        Exchange exchange = new Exchange(query.head(body.length), ByteBuffer.wrap(body), done);
        if (Thread.currentThread() == loop) {
            dispatch(exchange);
        } else {
            tasks.add(() -> dispatch(exchange));
            selector.wakeup();
        }
    }

    /**
     * Open-loop pacing on the client's own thread: calls {@code sender} with 0, 1, 2, ... at {@code start + i *
     * intervalNanos} for every due time before {@code end}, and returns once the last is sent. Pacing here
     * rather than on a thread of its own saves two thread wake-ups per query, which cost tens of microseconds
     * each in a virtual machine; the price is that a query may go out up to about a millisecond after its due
     * time (the selector's timeout resolution), which callers count in its latency.
     */
    void pace(long start, long intervalNanos, long end, LongConsumer sender) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the query client is closed");
        }
        CountDownLatch finished = new CountDownLatch(1);
        tasks.add(() -> pacing = new Pacing(start, intervalNanos, end, sender, finished));
        selector.wakeup();
        finished.await();
    }

    /**
     * Waits up to {@code limit} until every query sent so far has its answer or failure delivered; returns how many
     * are still without one (callers count those, so a stalled worker's worst latencies are not silently dropped).
     */
    long awaitAnswers(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (unanswered.get() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        return unanswered.get();
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
                select();
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    ((Connection) key.attachment()).ready(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (pacing != null && !pacing.sendDue(now)) {
                    pacing = null;
                }
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

    /** Waits for I/O, a task, or the next due query, whichever comes first. */
    private void select() throws IOException {
        long waitMillis = TIMEOUT_CHECK_NANOS / 1_000_000;
        if (pacing != null) {
            long untilDue = pacing.nextDue - System.nanoTime();
            if (untilDue <= 0) {
                selector.selectNow();
                return;
            }
            // rounded up: one wake-up per due query, which goes out less than a millisecond late
            waitMillis = Math.min(waitMillis, (untilDue + 999_999) / 1_000_000);
        }
        selector.select(waitMillis);
    }

    private void dispatch(Exchange exchange) {
        if (stopped != null) {
            exchange.finish(Answer.failed(stopped));
            return;
        }
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
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
        } catch (IOException e) {
            exchange.finish(Answer.failed(e.getClass().getSimpleName()));
            return;
        }
        Connection connection = new Connection(channel);
        openConnections++;
        connection.begin(exchange);
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (channel.connect(address)) {
                connection.key = channel.register(selector, 0, connection);
                connection.write();
            } else {
                connection.key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
            }
        } catch (IOException e) {
            connection.fail(e.getClass().getSimpleName());
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
        stopped = why;
        for (Exchange exchange; (exchange = waitingForConnection.poll()) != null; ) {
            exchange.finish(Answer.failed(why));
        }
        for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();      // queued sends fail at once: stopped is set
        }
        if (pacing != null) {
            pacing.finished.countDown();
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

    /** The open-loop schedule being sent, on the client's thread. */
    private static final class Pacing {
        final long start;
        final long intervalNanos;
        final long end;
        final LongConsumer sender;
        final CountDownLatch finished;
        long sequence;
        long nextDue;

        Pacing(long start, long intervalNanos, long end, LongConsumer sender, CountDownLatch finished) {
            this.start = start;
            this.intervalNanos = intervalNanos;
            this.end = end;
            this.sender = sender;
            this.finished = finished;
            this.nextDue = start;
        }

        /** Sends every query due by {@code now}; false once the schedule is done. */
        boolean sendDue(long now) {
            while (nextDue < end && nextDue - now <= 0) {
                sender.accept(sequence);
                nextDue = start + ++sequence * intervalNanos;
            }
            if (nextDue < end) {
                return true;
            }
            finished.countDown();
            return false;
        }
    }

    /** One query: its encoded head and body, who to tell, and when it times out. */
    private final class Exchange {
        final ByteBuffer[] request;
        private final Consumer<Answer> done;
        long deadline;

        Exchange(ByteBuffer head, ByteBuffer body, Consumer<Answer> done) {
            this.request = new ByteBuffer[] {head, body};
            this.done = done;
            unanswered.incrementAndGet();
        }

        /** Tells the sender; counted as answered only after its handler ran, so {@link #awaitAnswers} sees it. */
        void finish(Answer answer) {
            try {
                done.accept(answer);
            } finally {
                unanswered.decrementAndGet();
            }
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
            begin(next);
            write();
        }

        void begin(Exchange next) {
            exchange = next;
            next.deadline = System.nanoTime() + timeoutNanos;
            reader.reset();
            busy.add(this);
        }

        void ready(SelectionKey selected) {
            if (!selected.isValid()) {
                return;
            }
            try {
                if (selected.isConnectable()) {
                    if (channel.finishConnect()) {
                        write();
                    }
                    return;
                }
                if (selected.isWritable() && exchange != null) {
                    write();
                }
                if (selected.isReadable()) {
                    read();
                }
            } catch (IOException e) {
                fail(e.getClass().getSimpleName());
            }
        }

        /** Writes what the socket takes; interest in writability only while some is left (each change is a syscall). */
        void write() {
            try {
                channel.write(exchange.request);
                int interest = exchange.request[1].hasRemaining()
                        ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
                if (key.interestOps() != interest) {
                    key.interestOps(interest);
                }
            } catch (IOException e) {
                fail(e.getClass().getSimpleName());
            }
        }

        void read() throws IOException {
            if (exchange == null) {   // an idle connection is readable only when the worker closed it
                fail("idle connection closed");
                return;
            }
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
            finished.finish(new Answer(reader.status(), reader.bodyBytes(), null));
            if (reader.keepAlive()) {
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
                failed.finish(Answer.failed(why));
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
