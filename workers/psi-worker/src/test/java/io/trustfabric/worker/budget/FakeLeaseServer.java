package io.trustfabric.worker.budget;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-test stand-in for the operator's lease endpoints that keeps the ledger rules of docs/control-api.md:
 * grants only while {@code consumed + live grants <= epsilon}, {@code min(max(request, adaptive), remaining)},
 * 429 when less than the request remains, spend reports that never decrease nor exceed the grant, an expired
 * lease counted as wholly consumed and dropped after the grace, a release moving spend to consumed.
 */
final class FakeLeaseServer implements AutoCloseable {
    static final String TOKEN = "test-worker-token";

    private final HttpServer server;
    private final long epsilon;
    private final Map<String, Long> cost;
    private final long adaptive;
    private final Duration leaseTime;
    private final long marginSeconds;
    private final Duration grace;
    private final Instant periodEnd = Instant.parse("2099-01-01T00:00:00Z");
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, LiveLease> leases = new LinkedHashMap<>();
    private final List<JsonObject> reports = new ArrayList<>();
    private long consumed;
    private volatile boolean refuseEverything;
    private final AtomicInteger leaseRequests = new AtomicInteger();
    private final java.util.concurrent.Semaphore leaseRequestArrived = new java.util.concurrent.Semaphore(0);
    private volatile java.util.concurrent.CountDownLatch holdLeaseRequests;
    private volatile int leaseRefusalStatus;
    private volatile String leaseRefusalType;
    private volatile String leaseRefusalRetryAfter;

    static final class LiveLease {
        final String holder;
        final long granted;
        long spent;
        Instant expires;

        LiveLease(String holder, long granted, Instant expires) {
            this.holder = holder;
            this.granted = granted;
            this.expires = expires;
        }
    }

    FakeLeaseServer(long epsilon, Map<String, Long> cost, long adaptive, Duration leaseTime, long marginSeconds,
                      Duration grace) throws IOException {
        this.epsilon = epsilon;
        this.cost = cost;
        this.adaptive = adaptive;
        this.leaseTime = leaseTime;
        this.marginSeconds = marginSeconds;
        this.grace = grace;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/control/v1/namespaces/trust/tenants/acme/leases", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers 503 not-leader to everything, as an operator that cannot grant would. */
    void refuseEverything(boolean refuse) {
        this.refuseEverything = refuse;
    }

    /** Answers every lease request ({@code POST …/leases}) with this problem; status 0: grant as usual. */
    void refuseLeases(int status, String type, String retryAfter) {
        leaseRefusalType = type;
        leaseRefusalRetryAfter = retryAfter;
        leaseRefusalStatus = status;
    }

    /** Lease requests wait (unanswered) until {@link #answerHeldLeaseRequests()}. */
    void holdLeaseRequests() {
        holdLeaseRequests = new java.util.concurrent.CountDownLatch(1);
    }

    void answerHeldLeaseRequests() {
        java.util.concurrent.CountDownLatch hold = holdLeaseRequests;
        holdLeaseRequests = null;
        if (hold != null) {
            hold.countDown();
        }
    }

    /** Lease requests received so far (answered or not). */
    int leaseRequests() {
        return leaseRequests.get();
    }

    /** Waits until one more lease request has arrived (true), or 30 s. */
    boolean awaitLeaseRequest() throws InterruptedException {
        return leaseRequestArrived.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    synchronized long consumed() {
        reclaimExpired();
        return consumed;
    }

    synchronized long liveGranted() {
        reclaimExpired();
        return leases.values().stream().mapToLong(l -> l.granted).sum();
    }

    synchronized int liveLeases() {
        reclaimExpired();
        return leases.size();
    }

    synchronized List<JsonObject> reports() {
        return List.copyOf(reports);
    }

    /** What can never be given to anyone again: consumed plus every live lease's grant. */
    synchronized long committedOrHeld() {
        return consumed() + liveGranted();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, problem("unauthorized"));
                return;
            }
            if (refuseEverything) {
                reply(exchange, 503, problem("not-leader"));
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonObject json = body.isBlank() ? new JsonObject() : new JsonObject(body);
            String rest = exchange.getRequestURI().getPath().replaceFirst(".*/leases/?", "");
            if (rest.isEmpty() && exchange.getRequestMethod().equals("POST")) {
                leaseRequests.incrementAndGet();
                leaseRequestArrived.release();
                java.util.concurrent.CountDownLatch hold = holdLeaseRequests;
                if (hold != null) {
                    try {
                        hold.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (leaseRefusalStatus != 0) {
                    if (leaseRefusalRetryAfter != null) {
                        exchange.getResponseHeaders().set("Retry-After", leaseRefusalRetryAfter);
                    }
                    reply(exchange, leaseRefusalStatus, problem(leaseRefusalType));
                    return;
                }
            }
            synchronized (this) {
                reclaimExpired();
                if (rest.isEmpty() && exchange.getRequestMethod().equals("POST")) {
                    acquire(exchange, json);
                } else {
                    String[] parts = rest.split("/");
                    update(exchange, parts[0], parts.length > 1 ? parts[1] : "", json);
                }
            }
        }
    }

    private void acquire(HttpExchange exchange, JsonObject json) throws IOException {
        long request = json.getLong("requestMicroEpsilon", 0L);
        long remaining = epsilon - consumed - leases.values().stream().mapToLong(l -> l.granted).sum();
        if (remaining <= 0 || remaining < request) {
            reply(exchange, 429, problem("budget-exhausted").put("periodEnd", periodEnd.toString())
                    .put("remainingMicroEpsilon", remaining));
            return;
        }
        long granted = Math.min(Math.max(request, adaptive), remaining);
        String id = "e1-" + ids.incrementAndGet();
        Instant expires = Instant.now().plus(leaseTime);
        leases.put(id, new LiveLease(json.getString("holder"), granted, expires));
        JsonObject costJson = new JsonObject().put("perElement", 0);
        cost.forEach(costJson::put);
        reply(exchange, 201, new JsonObject().put("leaseId", id).put("budget", "acme-globex").put("tenant", "acme")
                .put("partner", json.getString("partner")).put("holder", json.getString("holder"))
                .put("grantedMicroEpsilon", granted).put("expires", expires.toString())
                .put("periodStart", "2026-11-01T00:00:00Z").put("periodEnd", periodEnd.toString()).put("epoch", 1)
                .put("remainingMicroEpsilon", remaining - granted).put("cost", costJson)
                .put("spendMarginSeconds", marginSeconds));
    }

    private void update(HttpExchange exchange, String id, String action, JsonObject json) throws IOException {
        LiveLease lease = leases.get(id);
        if (lease == null) {
            reply(exchange, 404, problem("unknown-lease"));
            return;
        }
        long spent = json.getLong("spentMicroEpsilon", lease.spent);
        if (spent < lease.spent || spent > lease.granted) {
            reply(exchange, 422, problem("invalid-report"));
            return;
        }
        boolean expired = !Instant.now().isBefore(lease.expires);
        if (action.equals("renew") && expired) {
            reply(exchange, 410, problem("lease-expired"));
            return;
        }
        lease.spent = spent;
        reports.add(json.copy().put("leaseId", id).put("action", action.isEmpty() ? "release" : action));
        if (action.equals("renew")) {
            lease.expires = Instant.now().plus(leaseTime);
        }
        if (exchange.getRequestMethod().equals("DELETE")) {
            leases.remove(id);
            consumed += expired ? lease.granted : lease.spent;
        }
        reply(exchange, 200, new JsonObject().put("leaseId", id).put("grantedMicroEpsilon", lease.granted)
                .put("spentMicroEpsilon", lease.spent).put("expires", lease.expires.toString())
                .put("periodEnd", periodEnd.toString()).put("epoch", 1));
    }

    /** An expired lease counts wholly; after the grace it is dropped and stays consumed. */
    private void reclaimExpired() {
        Instant now = Instant.now();
        leases.entrySet().removeIf(e -> {
            if (now.isAfter(e.getValue().expires.plus(grace))) {
                consumed += e.getValue().granted;
                return true;
            }
            return false;
        });
    }

    private static JsonObject problem(String name) {
        return new JsonObject().put("type", HttpLeaseGateway.PROBLEM_BASE + name).put("title", name).put("detail", name);
    }

    private static void reply(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
