package io.trustfabric.worker.policy;

import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.OpaServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code opa run --server} serving the test-only decision module (src/test/resources/policy-decision) and
 * the given data, with decision logging on: OPA returns a {@code decision_id} only then, and the worker refuses
 * decisions without one.
 */
public final class TestOpa implements AutoCloseable {
    private final OpaServer server;

    private TestOpa(OpaServer server) {
        this.server = server;
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
        return run(binaries, dir, List.of("--bundle", bundle(dir, data).toString()), "/health?bundles");
    }

    /**
     * Downloads its bundle {@code /bundle.tar.gz} from {@code serviceUrl}, polling every 1-2 s; returns once OPA
     * answers {@code /health} (up), whether or not the bundle is active yet.
     */
    public static TestOpa startWithBundleService(ControlPlaneBinaries binaries, Path dir, String serviceUrl) {
        return run(binaries, dir, List.of("--set", "services.tf.url=" + serviceUrl,
                "--set", "bundles.tf.service=tf", "--set", "bundles.tf.resource=/bundle.tar.gz",
                "--set", "bundles.tf.polling.min_delay_seconds=1", "--set", "bundles.tf.polling.max_delay_seconds=2"),
                "/health");
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

    private static TestOpa run(ControlPlaneBinaries binaries, Path dir, List<String> args, String healthPath) {
        List<String> all = new ArrayList<>(List.of("--set", "decision_logs.console=true"));
        all.addAll(args);
        return new TestOpa(OpaServer.withArguments(binaries, dir, all, healthPath));
    }

    public String url() {
        return server.url();
    }

    /** Stops OPA; its port refuses connections afterwards. */
    @Override
    public void close() {
        server.close();
    }
}
