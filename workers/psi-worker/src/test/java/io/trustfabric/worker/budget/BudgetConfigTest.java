package io.trustfabric.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.worker.PsiWorker;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.config.WorkerConfigReader;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetConfigTest {
    @TempDir
    Path dir;

    private WorkerConfig read(JsonObject json, Map<String, String> env) throws Exception {
        Path file = Files.writeString(dir.resolve("worker.json"), json.encode());
        return new WorkerConfigReader(env).read(file);
    }

    @Test
    void budgetsAreEnforcedWheneverTheControlApiIsConfigured() throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        JsonObject json = BudgetedWorker.config(files, "http://127.0.0.1:9", dir.resolve("r.log"), 0);
        json.remove("receipts");
        WorkerConfig config = read(json, Map.of());
        assertThat(config.budget().enforce()).isTrue();
        assertThat(config.receipts().keyPath()).isEqualTo(Path.of("/var/run/trustfabric/receipt-key/private-key"));
        assertThat(read(json, Map.of("TF_BUDGET_ENFORCE", "false")).budget().enforce()).isFalse();
        json.remove("control");
        assertThat(read(json, Map.of()).budget().enforce()).isFalse();
    }

    @Test
    void aWorkerWhoseReceiptKeyCannotBeReadDoesNotStart() throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        JsonObject json = BudgetedWorker.config(files, "http://127.0.0.1:9", dir.resolve("r.log"), 0);
        json.getJsonObject("receipts").put("keyPath", dir.resolve("missing-key").toString());
        WorkerConfigReader reader = new WorkerConfigReader(Map.of());
        WorkerConfig config = read(json, Map.of());
        assertThatThrownBy(() -> PsiWorker.start(config, new Curve25519Group(), null, reader))
                .hasMessageContaining("cannot set up privacy budgets and receipts").hasMessageContaining("missing-key");
    }

    @Test
    void theKeyIdComesFromConfigElseTheSecretsKeyIdFileElseTheKey() throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        WorkerConfig.Receipts configured = new WorkerConfig.Receipts(files.receiptKey(), dir.resolve("r.log"), "given");
        assertThat(WorkerBudgets.keyId(configured, files.key())).isEqualTo("given");
        WorkerConfig.Receipts derived = new WorkerConfig.Receipts(files.receiptKey(), dir.resolve("r.log"), null);
        assertThat(WorkerBudgets.keyId(derived, files.key())).matches("ed25519:[0-9a-f]{16}");
        Files.writeString(dir.resolve("key-id"), "acme-3f1a9c0d22b7e481");
        assertThat(WorkerBudgets.keyId(derived, files.key())).isEqualTo("acme-3f1a9c0d22b7e481");
    }
}
