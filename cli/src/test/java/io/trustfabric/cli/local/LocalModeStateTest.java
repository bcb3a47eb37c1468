package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.trustfabric.cli.TfctlRun;
import io.trustfabric.cli.resource.KindCatalog;
import io.trustfabric.cli.resource.ResourceStore;
import io.trustfabric.testsupport.RequiresRealBinaries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode keeps its state in its folder: stopped and started again on the same folder, the tenant keeps its
 * receipt key and the privacy budget what it had consumed (the real API server keeps etcd's data there, the embedded
 * mock a snapshot).
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class LocalModeStateTest {

    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart");

    @TempDir
    Path tmp;

    @Test
    @RequiresRealBinaries
    void aRestartOnTheSameFolderKeepsTheReceiptKeyAndTheConsumedBudget() {
        restartKeepsTheReceiptKeyAndTheConsumedBudget(ApiServerChoice.REAL);
    }

    /** The embedded mock keeps a snapshot in the work folder (mock-state.json) instead. */
    @Test
    void withTheEmbeddedMockARestartKeepsTheReceiptKeyAndTheConsumedBudget() {
        restartKeepsTheReceiptKeyAndTheConsumedBudget(ApiServerChoice.MOCK);
    }

    private void restartKeepsTheReceiptKeyAndTheConsumedBudget(ApiServerChoice apiServer) {
        String receiptKey;
        long consumed;
        StringWriter first = new StringWriter();
        try (LocalMode local = start(first, apiServer)) {
            assertThat(local.awaitTenantReady("trust", "acme", Duration.ofMinutes(3))).as(local.summary()).isTrue();
            String endpoint = local.workerEndpoints().get("trust/acme-psi").get(0);
            TfctlRun query = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items",
                    QUICKSTART.resolve("partner-items.txt").toString(),
                    "--api-key-file", QUICKSTART.resolve("partner-api-key.txt").toString());
            assertThat(query.exitCode()).as(query.err()).isZero();
            await().atMost(Duration.ofMinutes(1)).until(() -> consumed(local) > 0);
            consumed = consumed(local);
            receiptKey = receiptKey(local);
            assertThat(receiptKey).isNotBlank();
        }

        StringWriter second = new StringWriter();
        try (LocalMode local = start(second, apiServer)) {
            assertThat(local.awaitTenantReady("trust", "acme", Duration.ofMinutes(3))).as(local.summary()).isTrue();
            assertThat(receiptKey(local)).as("old receipts still verify").isEqualTo(receiptKey);
            assertThat(consumed(local)).as("no fresh budget after a restart").isEqualTo(consumed);
        }
        assertThat(first.toString()).contains("Started fresh in " + tmp.resolve("work"));
        assertThat(second.toString()).containsPattern("Resumed from " + java.util.regex.Pattern.quote(
                tmp.resolve("work").toString()) + ": \\d+ Trust Fabric objects \\(1 tenant, 1 privacy budget\\), "
                + "budgets as they were");

    }

    private LocalMode start(StringWriter progress, ApiServerChoice apiServer) {
        return LocalMode.start(new LocalMode.Options(0, tmp.resolve("work"), tmp.resolve("kubeconfig"), QUICKSTART,
                true, Duration.ofMillis(250), apiServer), new PrintWriter(progress, true));
    }

    private static String receiptKey(LocalMode local) {
        GenericKubernetesResource tenant = new ResourceStore(local.client(), KindCatalog.builtIn())
                .get(KindCatalog.builtIn().require("tenants"), "trust", "acme");
        return TenantConditions.receiptPublicKey(tenant);
    }

    @SuppressWarnings("unchecked")
    private static long consumed(LocalMode local) {
        GenericKubernetesResource budget = new ResourceStore(local.client(), KindCatalog.builtIn())
                .get(KindCatalog.builtIn().require("privacybudgets"), "trust", "acme-quickstart");
        Object status = budget.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> s) || !(s.get("microEpsilon") instanceof Map<?, ?> micro)) {
            return 0;
        }
        return micro.get("consumed") instanceof Number n ? n.longValue() : 0;
    }
}
