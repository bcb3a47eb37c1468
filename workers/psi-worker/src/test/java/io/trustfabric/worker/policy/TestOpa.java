package io.trustfabric.worker.policy;

import io.trustfabric.controlplane.ChildProcess;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.FreePort;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real {@code opa run --server} serving the test-only decision module (src/test/resources/policy-decision) and
 * the given data. Unlike {@link io.trustfabric.controlplane.OpaServer} it runs with decision logging on: OPA
 * returns a {@code decision_id} only then, and the worker refuses decisions without one.
 */
public final class TestOpa implements AutoCloseable {
    private final ChildProcess process;
    private final int port;

    private TestOpa(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** One tenant's data as the operator's tenant bundle holds it. */
    public static JsonObject tenantData(String tenant, long revision, boolean isDefault, JsonObject... rules) {
        return new JsonObject().put("trustfabric", new JsonObject().put("tenants", new JsonObject().put(tenant,
                new JsonObject().put("policy", isDefault ? null : "trust/" + tenant + "-policy")
                        .put("revision", revision).put("default", isDefault).put("rules", new JsonArray(List.of(rules))))));
    }

    public static JsonObject rule(String name, String macro, String action, JsonObject params) {
        return new JsonObject().put("name", name).put("macro", macro).put("version", "v1").put("ref", macro + "@v1")
                .put("action", action).put("params", params);
    }

    /** Writes a bundle folder: the test decision module and {@code data} as data.json. */
    public static Path bundle(Path dir, JsonObject data) throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        try (InputStream module = TestOpa.class.getResourceAsStream("/policy-decision/decision.rego")) {
            Files.write(bundle.resolve("decision.rego"), module.readAllBytes());
        }
        Files.writeString(bundle.resolve("data.json"), data.encode());
        return bundle;
    }

    /** Serves {@code data} with the test decision module; returns once every bundle is active. */
    public static TestOpa start(ControlPlaneBinaries binaries, Path dir, JsonObject data) throws IOException {
        TestOpa opa = run(binaries, dir, List.of("--bundle", bundle(dir, data).toString()));
        opa.await("/health?bundles");
        return opa;
    }

    /**
     * Downloads its bundle {@code /bundle.tar.gz} from {@code serviceUrl}, polling every 1-2 s; returns once OPA
     * answers {@code /health} (up), whether or not the bundle is active yet.
     */
    public static TestOpa startWithBundleService(ControlPlaneBinaries binaries, Path dir, String serviceUrl) {
        TestOpa opa = run(binaries, dir, List.of("--set", "services.tf.url=" + serviceUrl,
                "--set", "bundles.tf.service=tf", "--set", "bundles.tf.resource=/bundle.tar.gz",
                "--set", "bundles.tf.polling.min_delay_seconds=1", "--set", "bundles.tf.polling.max_delay_seconds=2"));
        opa.await("/health");
        return opa;
    }

    /** {@code opa build} of a bundle folder into a .tar.gz. */
    public static byte[] build(ControlPlaneBinaries binaries, Path bundleDir, Path out) throws Exception {
        Process build = new ProcessBuilder(binaries.opa().toString(), "build", "-o", out.toString(), bundleDir.toString())
                .redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes());
        if (build.waitFor() != 0) {
            throw new IllegalStateException("opa build failed: " + output);
        }
        return Files.readAllBytes(out);
    }

    private static TestOpa run(ControlPlaneBinaries binaries, Path dir, List<String> args) {
        int port = FreePort.pick();
        List<String> command = new ArrayList<>(List.of(binaries.opa().toString(), "run", "--server",
                "--addr=127.0.0.1:" + port, "--skip-version-check", "--log-level=error",
                "--set", "decision_logs.console=true"));
        command.addAll(args);
        return new TestOpa(ChildProcess.start("opa", command, dir.resolve("opa-" + port + ".log"), Map.of()), port);
    }

    private void await(String path) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("opa exited:\n" + process.logTail(30));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("opa " + path + " not 200 after 60 s (" + last + "):\n" + process.logTail(30));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops OPA; its port refuses connections afterwards. */
    @Override
    public void close() {
        process.close();
    }
}
