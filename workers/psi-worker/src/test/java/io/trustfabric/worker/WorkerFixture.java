package io.trustfabric.worker;

import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.client.PsiCredentials;
import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.worker.auth.ApiKeyHash;
import java.util.Base64;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.config.WorkerConfigReader;
import io.trustfabric.worker.config.WorkerPoolConfig;
import io.trustfabric.worker.ratelimit.NanoClock;
import java.time.Clock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts a real worker on 127.0.0.1 with a data set and key seed in a temporary directory. */
final class WorkerFixture implements AutoCloseable {
    static final PrimeOrderGroup GROUP = new Curve25519Group();
    /** The API key of the fixture's default partner {@code globex} (allowed psi-ca and psi, no expiry). */
    static final String API_KEY = "tfk_globex_0123456789abcdef";

    final Path dir;
    final Path configFile;
    final PsiWorker worker;
    final HttpClient http = HttpClient.newHttpClient();

    private WorkerFixture(Path dir, Path configFile, PsiWorker worker) {
        this.dir = dir;
        this.configFile = configFile;
        this.worker = worker;
    }

    static JsonObject config(Path dir, List<String> items) throws IOException {
        Path dataset = Files.write(dir.resolve("items.txt"), items);
        byte[] seed = new byte[32];
        new java.security.SecureRandom().nextBytes(seed);
        Path seedFile = Files.write(dir.resolve("seed"), seed);
        return new JsonObject()
                .put("schemaVersion", 1)
                .put("tenant", new JsonObject().put("namespace", "trust").put("name", "acme").put("limitedGA", true)
                        .put("modes", new JsonArray().add("psi-ca").add("psi"))
                        .put("contractFlags", new JsonArray().add("eu-data")))
                .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("maxBodyBytes", 1 << 20))
                .put("limits", new JsonObject().put("maxClientSetSize", 1000).put("queueCapacity", 16)
                        .put("computeThreads", 2))
                .put("dataset", new JsonObject().put("path", dataset.toString()).put("format", "lines")
                        .put("normalization", "none"))
                .put("key", new JsonObject().put("seedPath", seedFile.toString()).put("epoch", 1)
                        .put("reloadSeconds", 0))
                .put("setup", new JsonObject().put("encoding", "gcs").put("falsePositiveRate", 1e-9))
                .put("partners", new JsonObject().put("static", new JsonArray().add(
                        partner("globex", API_KEY, List.of("psi-ca", "psi")))));
    }

    /** An allowlist entry as the control API renders it: the key only as a salted SHA-256. */
    static JsonObject partner(String id, String apiKey, List<String> modes) {
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        ApiKeyHash hash = ApiKeyHash.of(salt, apiKey);
        return new JsonObject().put("id", id).put("displayName", id + " Inc.").put("region", "eu-west-1")
                .put("modes", new JsonArray(modes)).put("contractFlags", new JsonArray().add("partner-" + id))
                .put("apiKey", new JsonObject().put("salt", Base64.getEncoder().encodeToString(hash.salt()))
                        .put("sha256", Base64.getEncoder().encodeToString(hash.sha256())));
    }

    /** A client authenticated as the default partner. */
    PsiClient client() {
        return PsiClient.create(uri(""), GROUP, null, PsiCredentials.apiKey(API_KEY));
    }

    static WorkerFixture start(Path dir, JsonObject config) throws Exception {
        return start(dir, config, Clock.systemUTC(), NanoClock.SYSTEM);
    }

    /** Starts with the given clocks for partner expiry and rate limits; {@code config} may be either form. */
    static WorkerFixture start(Path dir, JsonObject config, Clock clock, NanoClock nanoClock) throws Exception {
        Path configFile = Files.writeString(dir.resolve("worker.json"), config.encodePrettily());
        WorkerConfigReader reader = new WorkerConfigReader(Map.of());
        WorkerPoolConfig parsed = reader.readPool(configFile);
        return new WorkerFixture(dir, configFile, PsiWorker.start(parsed, GROUP, configFile, reader, clock, nanoClock));
    }

    /** Starts with the given clocks and waits until every tenant's first key epoch is served. */
    static WorkerFixture startReady(Path dir, JsonObject config, Clock clock, NanoClock nanoClock) throws Exception {
        WorkerFixture fixture = start(dir, config, clock, nanoClock);
        for (WorkerConfig tenant : new WorkerConfigReader(Map.of()).readPool(fixture.configFile).tenants()) {
            fixture.worker.keyEpochs(tenant.tenant().id()).rotateTo(tenant.key().epoch()).get();
        }
        return fixture;
    }

    /** Sends {@code request} with the fixture's client. */
    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts and waits until the first key epoch's setup is served. */
    static WorkerFixture startReady(Path dir, JsonObject config) throws Exception {
        WorkerFixture fixture = start(dir, config);
        fixture.worker.keyEpochs().rotateTo(config.getJsonObject("key").getLong("epoch")).get();
        return fixture;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + worker.port() + path);
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("X-TrustFabric-Api-Key", API_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return post(path, contentType, body, API_KEY);
    }

    /** Posts with {@code apiKey} (null: no credentials). */
    HttpResponse<String> post(String path, String contentType, byte[] body, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (apiKey != null) {
            request.header("X-TrustFabric-Api-Key", apiKey);
        }
        return http.send(request.header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        worker.close();
    }
}
