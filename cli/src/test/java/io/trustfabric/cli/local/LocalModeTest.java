package io.trustfabric.cli.local;

import io.trustfabric.cli.TfctlRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.trustfabric.cli.resource.KindCatalog;
import io.trustfabric.cli.resource.ResourceStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode end to end on the embedded mock API server (LocalModeRealApiServerTest: on the real one): embedded API server, CRDs, operator with its control API on loopback, the examples, real
 * worker processes that authenticate partners, charge the privacy budget through the operator and sign receipts.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class LocalModeTest {

    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart");
    private static final Path LIMITED_GA = Path.of("..", "examples", "limited-ga");

    @TempDir
    Path tmp;

    @Test
    void quickstartAnswersTheDemoPartnerChargesTheBudgetAndSignsVerifiableReceipts() throws Exception {
        assertThat(WorkerLaunch.workerAvailable()).as("the build copies the worker to " + WorkerClasspath.workerLib())
                .isTrue();
        StringWriter progress = new StringWriter();
        List<ProcessHandle> workers;
        try (LocalMode local = start(QUICKSTART, progress)) {
            assertThat(local.operatorRunning()).isTrue();
            assertThat(progress.toString()).contains("tenant.trustfabric.io/acme created")
                    .contains("partnerallowlist.trustfabric.io/acme-partners created")
                    .contains("privacybudget.trustfabric.io/acme-quickstart created")
                    .containsPattern("worker control API on http://127\\.0\\.0\\.1:\\d+")
                    .containsPattern("API server: embedded mock on http://127\\.0\\.0\\.1:\\d+ \\(no defaulting, no "
                            + "server-side apply, kubectl unsupported\\); (for the real one: |chosen by --api-server=mock)")
                    .contains("server-side apply off")
                    .contains("Registered 7 CRDs\n");
            assertThat(local.tenants()).containsExactly(new LocalMode.TenantRef("trust", "acme"));
            String endpoint = readyEndpoint(local, "trust", "acme");
            assertThat(get(endpoint + "/readyz").statusCode()).isEqualTo(200);
            Path items = QUICKSTART.resolve("partner-items.txt");
            Path apiKey = QUICKSTART.resolve("partner-api-key.txt");
            Path receipts = tmp.resolve("receipts.txt");

            TfctlRun anonymous = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", items.toString());
            assertThat(anonymous.exitCode()).as(anonymous.err()).isEqualTo(1);
            assertThat(anonymous.err()).contains("401");

            TfctlRun query = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", items.toString(),
                    "--api-key-file", apiKey.toString(), "--receipts", receipts.toString());
            assertThat(query.exitCode()).as(query.err()).isZero();
            assertThat(query.out().strip()).as("partner-items.txt shares 40 customers with the tenant").isEqualTo("40");
            assertThat(Files.readAllLines(receipts)).as("one signed receipt saved").hasSize(1);

            GenericKubernetesResource budget = await("the worker reports its spend to the operator")
                    .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> budget(local, "trust", "acme-quickstart"), b -> consumed(b) > 0);
            assertThat(consumed(budget)).as("one psi-ca query costs 0.1 epsilon").isEqualTo(100_000L);
            assertThat(TfctlRun.ok("get", "privacybudgets", "-n", "trust", "--kubeconfig", local.kubeconfig().toString()))
                    .containsPattern("acme-quickstart\\s+acme\\s+100000\\s+\\d+\\s+True");

            Path tenantKey = local.writeReceiptKey(new LocalMode.TenantRef("trust", "acme")).orElseThrow();
            TfctlRun verify = TfctlRun.of("receipts", "verify", receipts.toString(), "--tenant-key", tenantKey.toString());
            assertThat(verify.exitCode()).as(verify.err()).isZero();
            assertThat(verify.out()).contains("1 receipt(s), 0 problem(s)").contains("OK: all receipts verified");

            assertThat(TfctlRun.ok("get", "tenants", "--kubeconfig", local.kubeconfig().toString()))
                    .containsPattern("acme\\s+True\\s").contains("http://acme-psi.trust.svc:8080");
            assertThat(local.summary()).contains("trust/acme conditions:").contains("Ready=True").contains(endpoint);
            workers = local.workerProcesses();
            assertThat(workers).hasSize(1).allMatch(ProcessHandle::isAlive);
        }
        assertThat(workers).as("no worker process is left behind").noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void limitedGaExampleAnswersTheActivePartnerAndRefusesTheExpiredOneAndUnknownKeys() throws Exception {
        try (LocalMode local = start(LIMITED_GA, new StringWriter())) {
            assertThat(local.tenants()).containsExactly(new LocalMode.TenantRef("trust-ga", "acme"));
            String endpoint = readyEndpoint(local, "trust-ga", "acme");
            String items = LIMITED_GA.resolve("partner-items.txt").toString();

            TfctlRun globex = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", items,
                    "--api-key-file", LIMITED_GA.resolve("partner-api-key.txt").toString());
            assertThat(globex.exitCode()).as(globex.err()).isZero();
            assertThat(globex.out().strip()).as("20 of globex's 50 e-mails are acme customers").isEqualTo("20");

            TfctlRun initech = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", items, "--api-key",
                    "demo-initech-8e6b0d2c5a17");
            assertThat(initech.exitCode()).isEqualTo(1);
            assertThat(initech.err()).contains("403").contains("partner-expired");

            TfctlRun unknown = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", items, "--api-key", "not-a-partner");
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).contains("401").doesNotContain("not-a-partner");
        }
    }

    @Test
    void localCommandPrintsTheElapsedTimeEndpointsAndHowToTry() {
        String out = TfctlRun.ok("local", "--api-server=mock", "--port", "0", "--dir", tmp.toString(), "--examples",
                QUICKSTART.toString(), "--exit-when-ready", "--timeout", "180");
        Path work = tmp.resolve("work");
        assertThat(out).containsPattern("Tenant trust/acme is Ready after \\d+\\.\\d s")
                .containsPattern("acme-psi\\s+1/1\\s+http://127\\.0\\.0\\.1:\\d+")
                .contains("--kubeconfig " + tmp.resolve("kubeconfig"))
                .contains("Kubeconfig: " + tmp.resolve("kubeconfig") + "   (for tfctl only: kubectl cannot use it")
                .doesNotContain("export KUBECONFIG")
                .containsPattern("tfctl psi-ca --endpoint http://127\\.0\\.0\\.1:\\d+ --items .*partner-items.txt"
                        + " --api-key-file .*partner-api-key.txt --receipts " + work.resolve("trust-acme-receipts.txt"))
                .contains("get privacybudgets -n trust")
                .contains("./tfctl receipts verify " + work.resolve("trust-acme-receipts.txt") + " --tenant-key "
                        + work.resolve("trust-acme-receipt-key.pub"));
        assertThat(Files.isRegularFile(tmp.resolve("kubeconfig"))).isTrue();
    }

    private LocalMode start(Path examples, StringWriter progress) {
        return LocalMode.start(new LocalMode.Options(0, tmp.resolve("work"), tmp.resolve("kubeconfig"), examples, true,
                Duration.ofMillis(250), ApiServerChoice.MOCK), new PrintWriter(progress, true));
    }

    private static String readyEndpoint(LocalMode local, String namespace, String tenant) {
        assertThat(local.awaitTenantReady(namespace, tenant, Duration.ofMinutes(3)))
                .as("Tenant %s/%s Ready; state:%n%s", namespace, tenant, local.summary()).isTrue();
        List<String> endpoints = local.workerEndpoints().get(namespace + "/" + tenant + "-psi");
        assertThat(endpoints).hasSize(1);
        assertThat(endpoints.get(0)).startsWith("http://127.0.0.1:");
        return endpoints.get(0);
    }

    private static GenericKubernetesResource budget(LocalMode local, String namespace, String name) {
        return new ResourceStore(local.client(), KindCatalog.builtIn())
                .get(KindCatalog.builtIn().require("privacybudgets"), namespace, name);
    }

    private static long consumed(GenericKubernetesResource budget) {
        if (budget != null && budget.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                && status.get("microEpsilon") instanceof Map<?, ?> ledger
                && ledger.get("consumed") instanceof Number consumed) {
            return consumed.longValue();
        }
        return 0;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
