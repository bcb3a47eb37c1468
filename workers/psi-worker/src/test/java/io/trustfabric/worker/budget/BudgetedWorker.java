package io.trustfabric.worker.budget;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.client.PsiCredentials;
import io.trustfabric.worker.auth.ApiKeyHash;
import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.worker.PsiWorker;
import io.trustfabric.worker.config.WorkerConfigReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** A real worker (in this JVM, or the config for a separate process) charging a {@link FakeLeaseServer}'s budget. */
final class BudgetedWorker implements AutoCloseable {
    static final List<String> SERVER_ITEMS = List.of("alice@example.com", "bob@example.com", "carol@example.com");
    static final String API_KEY = "globex-test-api-key";
    static final List<String> PARTNER_ITEMS = List.of("bob@example.com", "carol@example.com", "dave@example.com");

    final PsiWorker worker;

    private BudgetedWorker(PsiWorker worker) {
        this.worker = worker;
    }

    /** Files every worker of one tenant shares: data set, PSI key seed, worker token, receipt key. */
    record TenantFiles(Path dir, Path dataset, Path seed, Path token, Path receiptKey, Ed25519PrivateKeyParameters key) {
        static TenantFiles create(Path dir) throws IOException {
            byte[] seed = new byte[32];
            new SecureRandom().nextBytes(seed);
            Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
            return new TenantFiles(dir, Files.write(dir.resolve("items.txt"), SERVER_ITEMS),
                    Files.write(dir.resolve("seed"), seed),
                    Files.writeString(dir.resolve("token"), FakeLeaseServer.TOKEN + "\n"),
                    Files.write(dir.resolve("receipt-key"), key.getEncoded()), key);
        }
    }

    static JsonObject config(TenantFiles files, String controlUrl, Path receiptLog, int port) {
        return new JsonObject()
                .put("schemaVersion", 1)
                .put("tenant", new JsonObject().put("namespace", "trust").put("name", "acme").put("limitedGA", true)
                        .put("modes", new JsonArray().add("psi-ca").add("psi")))
                .put("http", new JsonObject().put("host", "127.0.0.1").put("port", port))
                .put("limits", new JsonObject().put("maxClientSetSize", 100).put("queueCapacity", 256)
                        .put("computeThreads", 2))
                .put("dataset", new JsonObject().put("path", files.dataset().toString()))
                .put("key", new JsonObject().put("seedPath", files.seed().toString()).put("epoch", 1)
                        .put("reloadSeconds", 0))
                .put("setup", new JsonObject().put("encoding", "exact"))
                .put("control", new JsonObject().put("url", controlUrl).put("tokenPath", files.token().toString()))
                .put("partners", new JsonObject().put("static", new JsonArray().add(partner("globex", API_KEY))))
                .put("receipts", new JsonObject().put("keyPath", files.receiptKey().toString())
                        .put("logPath", receiptLog.toString()).put("keyId", "acme-test"));
    }

    /** An allowlist entry as the control API renders it: the key only as a salted SHA-256. */
    static JsonObject partner(String id, String apiKey) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        ApiKeyHash hash = ApiKeyHash.of(salt, apiKey);
        return new JsonObject().put("id", id).put("modes", new JsonArray().add("psi-ca").add("psi"))
                .put("apiKey", new JsonObject().put("salt", java.util.Base64.getEncoder().encodeToString(hash.salt()))
                        .put("sha256", java.util.Base64.getEncoder().encodeToString(hash.sha256())));
    }

    static PsiClient client(int port) {
        return PsiClient.create(URI.create("http://127.0.0.1:" + port), new Curve25519Group(), null,
                PsiCredentials.apiKey(API_KEY));
    }

    static BudgetedWorker start(TenantFiles files, String controlUrl, Path receiptLog) throws Exception {
        return start(files, controlUrl, receiptLog, java.util.function.UnaryOperator.identity());
    }

    /** Starts with {@code adjust} applied to the config first. */
    static BudgetedWorker start(TenantFiles files, String controlUrl, Path receiptLog,
                                java.util.function.UnaryOperator<JsonObject> adjust) throws Exception {
        return start(files, controlUrl, receiptLog, adjust, java.time.Clock.systemUTC());
    }

    /** Starts with {@code adjust} applied to the config first, judging leases and remembered refusals by {@code clock}. */
    static BudgetedWorker start(TenantFiles files, String controlUrl, Path receiptLog,
                                java.util.function.UnaryOperator<JsonObject> adjust, java.time.Clock clock)
            throws Exception {
        Path configFile = Files.createTempFile(files.dir(), "worker", ".json");
        Files.writeString(configFile, adjust.apply(config(files, controlUrl, receiptLog, 0)).encodePrettily());
        WorkerConfigReader reader = new WorkerConfigReader(Map.of());
        PsiWorker worker = PsiWorker.start(io.trustfabric.worker.config.WorkerPoolConfig.single(reader.read(configFile)),
                new Curve25519Group(), configFile, reader, clock, io.trustfabric.worker.ratelimit.NanoClock.SYSTEM);
        worker.keyEpochs().rotateTo(1).get();
        return new BudgetedWorker(worker);
    }

    PsiClient client() {
        return client(worker.port());
    }

    @Override
    public void close() {
        worker.close();
    }
}
