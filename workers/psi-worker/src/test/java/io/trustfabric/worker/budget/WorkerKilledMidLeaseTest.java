package io.trustfabric.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.client.PsiServerException;
import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.psi.receipt.ReceiptChainVerifier;
import io.trustfabric.psi.receipt.ReceiptVerifier;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real worker process is killed with SIGKILL while it holds a lease with unspent budget; a new process then
 * spends what is left. The killed lease's unspent part is lost (counted consumed by the operator), never spent twice.
 */
class WorkerKilledMidLeaseTest {
    static final long COST = 100_000;
    static final int K = 10;

    @TempDir
    Path dir;

    @Test
    void noOverspendAfterAKill9AndARestart() throws Exception {
        BudgetedWorker.TenantFiles files = BudgetedWorker.TenantFiles.create(dir);
        Path log = dir.resolve("receipts.log");
        try (FakeLeaseServer control = new FakeLeaseServer(K * COST, Map.of("psi-ca", COST), 4 * COST,
                Duration.ofSeconds(8), 2, Duration.ofSeconds(1))) {
            int answered = 0;
            Process first = startWorker(files, control.url(), log, "worker-1");
            try {
                PsiClient client = awaitReady(first);
                client.cardinality(BudgetedWorker.PARTNER_ITEMS);
                client.cardinality(BudgetedWorker.PARTNER_ITEMS);
                answered += 2;
                assertThat(control.liveGranted()).isEqualTo(4 * COST); // 2 of the lease's 4 queries unspent
            } finally {
                first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no release
            }
            assertThat(control.liveLeases()).isEqualTo(1);

            Process second = startWorker(files, control.url(), log, "worker-2");
            try {
                PsiClient client = awaitReady(second);
                int before = answered;
                while (true) {
                    try {
                        client.cardinality(BudgetedWorker.PARTNER_ITEMS);
                        answered++;
                    } catch (PsiServerException e) {
                        assertThat(e.type()).endsWith("/budget-exhausted");
                        break;
                    }
                    assertThat(answered).isLessThanOrEqualTo(K);
                }
                assertThat(answered - before).isEqualTo(K - 4); // the killed lease's 4 stay out of reach
                assertThat(control.committedOrHeld()).isLessThanOrEqualTo(K * COST);
            } finally {
                second.destroy(); // SIGTERM: the shutdown hook gives the lease back
                if (!second.waitFor(30, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
            Instant deadline = Instant.now().plusSeconds(30);
            while (control.liveLeases() > 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(control.liveLeases()).isZero();
            assertThat(control.consumed()).isEqualTo(K * COST); // 2 spent + 2 lost of the killed lease, 6 spent
            assertThat(answered).isEqualTo(K - 2);
            // restarted process, fresh lease: still no more answers
            Process third = startWorker(files, control.url(), log, "worker-3");
            try {
                PsiClient client = awaitReady(third);
                assertThatThrownBy(() -> client.cardinality(BudgetedWorker.PARTNER_ITEMS))
                        .isInstanceOfSatisfying(PsiServerException.class, e -> assertThat(e.status()).isEqualTo(429));
            } finally {
                third.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        ReceiptChainVerifier.Result result = new ReceiptChainVerifier(
                new ReceiptVerifier(files.key().generatePublicKey())).verify(Files.readAllLines(log));
        assertThat(result.failures()).isEmpty();
        assertThat(result.receipts()).isEqualTo(K - 2);
    }

    private int port;

    private Process startWorker(BudgetedWorker.TenantFiles files, String controlUrl, Path log, String pod)
            throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve(pod + ".json"),
                BudgetedWorker.config(files, controlUrl, log, port).encodePrettily());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", classpath, "io.trustfabric.worker.WorkerMain",
                "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(pod + ".out").toFile());
        builder.environment().put("TF_POD_NAME", pod);
        return builder.start();
    }

    private PsiClient awaitReady(Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + port + "/readyz");
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("worker process exited").isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return BudgetedWorker.client(port);
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("worker did not become ready within 60 s");
    }
}
