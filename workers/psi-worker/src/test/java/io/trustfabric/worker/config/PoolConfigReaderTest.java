package io.trustfabric.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.worker.ratelimit.Rate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multi-tenant form of worker.json, read from the example in docs/worker-config.md (the contract). */
class PoolConfigReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheDocumentedSharedPoolExample() throws Exception {
        WorkerPoolConfig pool = new WorkerConfigReader(Map.of()).readPool(documentedPoolExample());
        assertThat(pool.pooled()).isTrue();
        assertThat(pool.tenants()).hasSize(1);
        WorkerConfig acme = pool.first();
        assertThat(acme.tenant().id()).isEqualTo("trust/acme");
        assertThat(acme.tenant().fairShareWeight()).isEqualTo(2);
        assertThat(acme.tenant().defaultPartnerRate()).isEqualTo(new Rate(20, 40));
        assertThat(acme.tenant().modes()).isEqualTo(Set.of(PsiMode.PSI_CA));
        assertThat(acme.limits().queueCapacity()).isEqualTo(64);         // pool-wide
        assertThat(acme.limits().maxClientSetSize()).isEqualTo(10000);   // per tenant
        assertThat(acme.control().url()).isEqualTo(URI.create("http://trust-fabric-control.trust-system.svc:8090"));
        assertThat(acme.control().tokenPath()).isEqualTo(Path.of("/var/run/trustfabric/tenants/acme/control/token"));
        assertThat(acme.partners().path())
                .isEqualTo(Path.of("/var/run/trustfabric/tenants/acme/partners/partners.json"));
        assertThat(acme.key().seedPath()).isEqualTo(Path.of("/var/run/trustfabric/tenants/acme/key/seed"));
    }

    @Test
    void environmentOverridesOnlyPoolWideFields() throws Exception {
        Map<String, String> env = Map.of("TF_HTTP_PORT", "9090", "TF_TENANT_NAME", "other",
                "TF_DATASET_PATH", "/tmp/elsewhere", "TF_PARTNER_POLL_MILLIS", "500");
        WorkerConfig acme = new WorkerConfigReader(env).readPool(documentedPoolExample()).first();
        assertThat(acme.http().port()).isEqualTo(9090);
        assertThat(acme.control().partnerPollMillis()).isEqualTo(500);
        assertThat(acme.tenant().name()).isEqualTo("acme");
        assertThat(acme.dataset().path()).isEqualTo(Path.of("/var/run/trustfabric/tenants/acme/dataset/items"));
    }

    @Test
    void badPoolFilesNameTheProblem() throws Exception {
        WorkerConfigReader reader = new WorkerConfigReader(Map.of());
        Path both = Files.writeString(dir.resolve("both.json"), "{\"tenant\": {}, \"tenants\": []}");
        assertThatThrownBy(() -> reader.readPool(both)).hasMessageContaining("both 'tenant' and 'tenants'");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"tenants\": []}");
        assertThatThrownBy(() -> reader.readPool(empty)).hasMessageContaining("non-empty list");
        Path badWeight = Files.writeString(dir.resolve("weight.json"), """
                {"tenants": [{"tenant": {"namespace": "t", "name": "a", "fairShareWeight": 0},
                              "dataset": {"path": "/d"}, "key": {"seedPath": "/k"}}]}""");
        assertThatThrownBy(() -> reader.readPool(badWeight)).hasMessageContaining("tenants[0]")
                .hasMessageContaining("fairShareWeight");
        Path badPartner = Files.writeString(dir.resolve("partner.json"), """
                {"tenant": {"namespace": "t", "name": "a"}, "dataset": {"path": "/d"}, "key": {"seedPath": "/k"},
                 "partners": {"static": [{"id": "p", "apiKey": {"salt": "c2FsdA==", "sha256": "dG9vIHNob3J0"}}]}}""");
        assertThatThrownBy(() -> reader.read(badPartner)).hasMessageContaining("partners.static")
                .hasMessageContaining("partner 'p'").hasMessageNotContaining("dG9vIHNob3J0");
        assertThatThrownBy(() -> reader.read(documentedPoolExample())).hasMessageContaining("shared pool");
    }

    private Path documentedPoolExample() throws Exception {
        String doc = Files.readString(Path.of("..", "..", "docs", "worker-config.md"));
        int section = doc.indexOf("## Shared pools");
        int start = doc.indexOf("```json", section) + "```json".length();
        int end = doc.indexOf("```", start);
        return Files.writeString(dir.resolve("pool.json"), doc.substring(start, end));
    }
}
