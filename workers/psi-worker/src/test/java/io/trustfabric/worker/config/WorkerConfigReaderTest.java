package io.trustfabric.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.protocol.SetupEncoding;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkerConfigReaderTest {
    /** The example of docs/worker-config.md. */
    private static final String DOCUMENTED_EXAMPLE = """
            {
              "schemaVersion": 1,
              "tenant": {"namespace": "trust", "name": "acme", "limitedGA": true,
                         "modes": ["psi-ca", "psi"], "contractFlags": ["eu-data"]},
              "http": { "port": 8080, "maxBodyBytes": 4194304 },
              "limits": { "maxClientSetSize": 10000, "queueCapacity": 64, "computeThreads": 0 },
              "dataset": {"path": "/var/run/trustfabric/dataset/items", "format": "lines", "csvColumn": 0,
                          "csvHeader": false, "normalization": "none"},
              "key": { "seedPath": "/var/run/trustfabric/key/seed", "epoch": 1 },
              "setup": { "encoding": "gcs", "falsePositiveRate": 1.0e-9 }
            }""";

    @Test
    void readsTheDocumentedExample() {
        WorkerConfig config = new WorkerConfigReader(Map.of()).parse(new JsonObject(DOCUMENTED_EXAMPLE));
        assertThat(config.tenant().id()).isEqualTo("trust/acme");
        assertThat(config.tenant().modes()).isEqualTo(Set.of(PsiMode.PSI, PsiMode.PSI_CA));
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.limits().computeThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.dataset().path()).isEqualTo(Path.of("/var/run/trustfabric/dataset/items"));
        assertThat(config.key().epoch()).isEqualTo(1);
        assertThat(config.setup().encoding()).isEqualTo(SetupEncoding.GCS);
        assertThat(config.setup().falsePositiveRate()).isEqualTo(1e-9);
    }

    @Test
    void environmentOverridesTheFile() {
        Map<String, String> env = Map.of("TF_HTTP_PORT", "9999", "TF_HTTP_HOST", "127.0.0.1", "TF_MODES", "psi",
                "TF_LIMITED_GA", "false", "TF_KEY_EPOCH", "4", "TF_NORMALIZATION", "email-lowercase",
                "TF_SETUP_ENCODING", "exact", "TF_SETUP_FPR", "0.001", "TF_DATASET_PATH", "/tmp/items",
                "TF_COMPUTE_THREADS", "3");
        WorkerConfig config = new WorkerConfigReader(env).parse(new JsonObject(DOCUMENTED_EXAMPLE));
        assertThat(config.http().port()).isEqualTo(9999);
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.tenant().modes()).containsExactly(PsiMode.PSI);
        assertThat(config.tenant().limitedGA()).isFalse();
        assertThat(config.key().epoch()).isEqualTo(4);
        assertThat(config.dataset().normalization()).isEqualTo(Normalization.EMAIL_LOWERCASE);
        assertThat(config.dataset().path()).isEqualTo(Path.of("/tmp/items"));
        assertThat(config.setup().encoding()).isEqualTo(SetupEncoding.EXACT);
        assertThat(config.setup().falsePositiveRate()).isEqualTo(0.001);
        assertThat(config.limits().computeThreads()).isEqualTo(3);
    }

    @Test
    void invalidValuesNameTheirField() {
        WorkerConfigReader reader = new WorkerConfigReader(Map.of());
        assertThatThrownBy(() -> reader.parse(new JsonObject(DOCUMENTED_EXAMPLE.replace("\"psi-ca\", \"psi\"", "\"psi-x\""))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("tenant.modes");
        assertThatThrownBy(() -> reader.parse(new JsonObject(DOCUMENTED_EXAMPLE.replace("\"gcs\"", "\"zip\""))))
                .hasMessageContaining("setup.encoding");
        assertThatThrownBy(() -> reader.parse(new JsonObject(DOCUMENTED_EXAMPLE.replace("1.0e-9", "2"))))
                .hasMessageContaining("falsePositiveRate");
        assertThatThrownBy(() -> reader.parse(new JsonObject(DOCUMENTED_EXAMPLE.replace("8080", "70000"))))
                .hasMessageContaining("port must be between 0 and 65535");
        assertThatThrownBy(() -> reader.parse(new JsonObject(DOCUMENTED_EXAMPLE.replace("\"schemaVersion\": 1", "\"schemaVersion\": 2"))))
                .hasMessageContaining("schemaVersion 2");
        assertThatThrownBy(() -> new WorkerConfigReader(Map.of("TF_LIMITED_GA", "yes")).parse(new JsonObject(DOCUMENTED_EXAMPLE)))
                .hasMessageContaining("TF_LIMITED_GA must be true or false");
        assertThatThrownBy(() -> reader.parse(new JsonObject(DOCUMENTED_EXAMPLE.replace("\"name\": \"acme\",", ""))))
                .hasMessageContaining("name is required");
    }

    private static final String FRESH = DOCUMENTED_EXAMPLE.replace("\"seedPath\": \"/var/run/trustfabric/key/seed\"",
            "\"fresh\": true");

    @Test
    void aFreshKeyIsRandomPerStartAndKeptInMemoryOnly() {
        WorkerConfig first = new WorkerConfigReader(Map.of()).parse(new JsonObject(FRESH));
        WorkerConfig second = new WorkerConfigReader(Map.of()).parse(new JsonObject(FRESH));
        assertThat(first.key().seedPath()).isNull();
        assertThat(first.key().freshSeed()).hasSize(32);
        assertThat(first.key().freshSeed()).isNotEqualTo(second.key().freshSeed());
        assertThat(first.key().toString()).contains("fresh").doesNotContain("[B@");
        assertThat(first.budget().enforce()).isFalse();
    }

    @Test
    void aWorkerThatFollowsTheControlApiNeverRunsWithAFreshKey() {
        String withControl = FRESH.replace("\"setup\":", "\"control\": {\"url\": \"http://control:8090\"}, \"setup\":");
        assertThatThrownBy(() -> new WorkerConfigReader(Map.of()).parse(new JsonObject(withControl)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("key.fresh");
        assertThatThrownBy(() -> new WorkerConfigReader(Map.of("TF_CONTROL_URL", "http://control:8090"))
                .parse(new JsonObject(FRESH)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("key.fresh");
        assertThatThrownBy(() -> new WorkerConfigReader(Map.of("TF_KEY_SEED_PATH", "/tmp/seed"))
                .parse(new JsonObject(FRESH)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("exclude");
        assertThatThrownBy(() -> new WorkerConfigReader(Map.of()).parse(new JsonObject(FRESH.replace("\"fresh\": true",
                "\"fresh\": true, \"seedPath\": \"/tmp/seed\""))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("exclude");
    }
}
