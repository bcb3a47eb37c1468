package io.trustfabric.worker;

import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.config.WorkerConfigReader;
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
                .put("setup", new JsonObject().put("encoding", "gcs").put("falsePositiveRate", 1e-9));
    }

    static WorkerFixture start(Path dir, JsonObject config) throws Exception {
        Path configFile = Files.writeString(dir.resolve("worker.json"), config.encodePrettily());
        WorkerConfigReader reader = new WorkerConfigReader(Map.of());
        WorkerConfig parsed = reader.read(configFile);
        return new WorkerFixture(dir, configFile, PsiWorker.start(parsed, GROUP, configFile, reader));
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
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        worker.close();
    }
}
