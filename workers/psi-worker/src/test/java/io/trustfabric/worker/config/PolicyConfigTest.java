package io.trustfabric.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code policy} block and {@code tenant.trustPolicy} of worker.json (docs/worker-config.md). */
class PolicyConfigTest {
    @TempDir
    Path dir;

    private static JsonObject tenantDoc() {
        return new JsonObject().put("tenant", new JsonObject().put("namespace", "trust").put("name", "acme"))
                .put("dataset", new JsonObject().put("path", "/items"))
                .put("key", new JsonObject().put("seedPath", "/seed"));
    }

    @Test
    void withoutAPolicyBlockThereIsNoEngineAndNoTrustPolicy() {
        WorkerConfig config = new WorkerConfigReader(Map.of()).parse(tenantDoc());
        assertThat(config.policy().opaUrl()).isNull();
        assertThat(config.policy().timeoutMillis()).isEqualTo(500);
        assertThat(config.tenant().trustPolicy()).isFalse();
    }

    @Test
    void readsThePolicyBlockAndTheEnvironmentOverridesIt() {
        JsonObject doc = tenantDoc().put("policy", new JsonObject().put("opaUrl", "http://127.0.0.1:8181/")
                .put("timeoutMillis", 250));
        doc.getJsonObject("tenant").put("trustPolicy", true);
        WorkerConfig config = new WorkerConfigReader(Map.of()).parse(doc);
        assertThat(config.policy().opaUrl()).isEqualTo(URI.create("http://127.0.0.1:8181"));
        assertThat(config.policy().timeoutMillis()).isEqualTo(250);
        assertThat(config.tenant().trustPolicy()).isTrue();

        WorkerConfig overridden = new WorkerConfigReader(Map.of("TF_OPA_URL", "http://opa:9191",
                "TF_POLICY_TIMEOUT_MILLIS", "900")).parse(doc);
        assertThat(overridden.policy().opaUrl()).isEqualTo(URI.create("http://opa:9191"));
        assertThat(overridden.policy().timeoutMillis()).isEqualTo(900);
    }

    @Test
    void refusesInvalidPolicySettingsNamingTheField() {
        WorkerConfigReader reader = new WorkerConfigReader(Map.of());
        assertThatThrownBy(() -> reader.parse(tenantDoc().put("policy", new JsonObject().put("opaUrl", "opa:8181"))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("policy.opaUrl");
        assertThatThrownBy(() -> reader.parse(tenantDoc().put("policy", new JsonObject().put("timeoutMillis", 0))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("timeoutMillis");
        JsonObject doc = tenantDoc();
        doc.getJsonObject("tenant").put("trustPolicy", "yes");
        assertThatThrownBy(() -> reader.parse(doc)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("trustPolicy");
    }

    @Test
    void aPoolSharesOnePolicyEngineAndEachTenantSaysWhetherATrustPolicyGovernsIt() throws Exception {
        JsonObject acme = tenantDoc();
        acme.getJsonObject("tenant").put("trustPolicy", true);
        JsonObject beta = tenantDoc();
        beta.getJsonObject("tenant").put("name", "beta");
        JsonObject pool = new JsonObject().put("schemaVersion", 1)
                .put("policy", new JsonObject().put("opaUrl", "http://127.0.0.1:8181"))
                .put("tenants", new JsonArray().add(acme).add(beta));
        WorkerPoolConfig config = new WorkerConfigReader(Map.of())
                .readPool(Files.writeString(dir.resolve("pool.json"), pool.encode()));
        assertThat(config.tenants()).extracting(c -> c.policy().opaUrl())
                .containsOnly(URI.create("http://127.0.0.1:8181"));
        assertThat(config.tenants()).extracting(c -> c.tenant().trustPolicy()).containsExactly(true, false);

        beta.put("policy", new JsonObject().put("opaUrl", "http://elsewhere:8181"));
        Path file = Files.writeString(dir.resolve("bad.json"), pool.encode());
        assertThatThrownBy(() -> new WorkerConfigReader(Map.of()).readPool(file))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("policy is pool-wide");
    }
}
