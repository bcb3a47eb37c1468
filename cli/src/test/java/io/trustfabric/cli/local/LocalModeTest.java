package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.cli.Tfctl;
import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.psi.protocol.ItemFile;
import io.trustfabric.psi.protocol.Normalization;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Local mode end to end: embedded API server, CRDs, operator, quickstart, real worker processes. */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class LocalModeTest {

    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart");

    @TempDir
    Path tmp;

    @Test
    void quickstartTenantBecomesReadyAndItsWorkerAnswersAndEverythingStops() throws Exception {
        assertThat(WorkerLaunch.workerAvailable()).as("the build copies the worker to " + WorkerClasspath.workerLib())
                .isTrue();
        StringWriter progress = new StringWriter();
        List<ProcessHandle> workers;
        try (LocalMode local = LocalMode.start(new LocalMode.Options(0, tmp.resolve("work"), tmp.resolve("kubeconfig"),
                QUICKSTART, true, Duration.ofMillis(250)), new PrintWriter(progress, true))) {
            assertThat(local.operatorRunning()).isTrue();
            assertThat(progress.toString()).contains("tenant.trustfabric.io/acme created").contains("Registered 7 CRDs\n");

            assertThat(local.awaitTenantReady("trust", "acme", Duration.ofMinutes(3)))
                    .as("Tenant trust/acme Ready; state:%n%s", local.summary()).isTrue();

            List<String> endpoints = local.workerEndpoints().get("trust/acme-psi");
            assertThat(endpoints).hasSize(1);
            String endpoint = endpoints.get(0);
            assertThat(endpoint).startsWith("http://127.0.0.1:");
            HttpResponse<String> readyz = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(endpoint + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(readyz.statusCode()).isEqualTo(200);

            int shared = PsiClient.create(URI.create(endpoint), new Curve25519Group(),
                    Normalization.fromConfigName("email-lowercase-sha256"))
                    .cardinality(ItemFile.readLines(QUICKSTART.resolve("partner-items.txt")));
            assertThat(shared).as("partner-items.txt shares 40 customers with the quickstart tenant").isEqualTo(40);

            String table = tfctl("get", "tenants", "--kubeconfig", local.kubeconfig().toString());
            assertThat(table).containsPattern("acme\\s+True\\s").contains("http://acme-psi.trust.svc:8080").contains("OK");
            assertThat(local.summary()).contains("trust/acme conditions:").contains("Ready=True")
                    .contains("acme-psi").contains(endpoint);

            workers = local.workerProcesses();
            assertThat(workers).hasSize(1).allMatch(ProcessHandle::isAlive);
        }
        assertThat(workers).as("no worker process is left behind").noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void localCommandPrintsTheElapsedTimeEndpointsAndHowToTry() {
        String out = tfctl("local", "--port", "0", "--dir", tmp.toString(), "--quickstart", QUICKSTART.toString(),
                "--exit-when-ready", "--timeout", "180");
        assertThat(out).containsPattern("Tenant trust/acme is Ready after \\d+\\.\\d s")
                .containsPattern("acme-psi\\s+1/1\\s+http://127\\.0\\.0\\.1:\\d+")
                .contains("--kubeconfig " + tmp.resolve("kubeconfig"))
                .containsPattern("tfctl psi-ca --endpoint http://127\\.0\\.0\\.1:\\d+ --items .*partner-items.txt");
        assertThat(Files.isRegularFile(tmp.resolve("kubeconfig"))).isTrue();
    }

    private static String tfctl(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Tfctl.commandLine();
        cl.setOut(new PrintWriter(out, true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        assertThat(code).as("tfctl %s%nout: %s%nerr: %s", String.join(" ", args), out, err).isZero();
        return out.toString();
    }
}
