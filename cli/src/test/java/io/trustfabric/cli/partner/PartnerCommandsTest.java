package io.trustfabric.cli.partner;

import io.trustfabric.cli.TfctlRun;
import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.worker.PsiWorker;
import io.trustfabric.worker.auth.ApiKeyHash;
import java.util.Base64;
import io.trustfabric.worker.config.WorkerConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tfctl psi / psi-ca against a real worker on 127.0.0.1. */
class PartnerCommandsTest {
    @TempDir
    static Path dir;
    static PsiWorker worker;
    static String endpoint;
    static Path keyFile;
    static final String API_KEY = "tfk_cli_partner_0123456789";

    @BeforeAll
    static void startWorker() throws Exception {
        Path items = Files.write(dir.resolve("server.txt"), List.of("alice@example.com", "bob@example.com",
                "carol@example.com"));
        Path seed = Files.write(dir.resolve("seed"), "0123456789abcdef0123456789abcdef".getBytes());
        Path config = Files.writeString(dir.resolve("worker.json"), """
                {"schemaVersion": 1,
                 "tenant": {"namespace": "trust", "name": "acme", "limitedGA": true, "modes": ["psi-ca", "psi"]},
                 "http": {"host": "127.0.0.1", "port": 0},
                 "limits": {"computeThreads": 1},
                 "dataset": {"path": "%s", "normalization": "email-lowercase"},
                 "key": {"seedPath": "%s", "epoch": 3, "reloadSeconds": 0},
                 "setup": {"encoding": "exact"},
                 "partners": {"static": [{"id": "globex", "modes": ["psi-ca", "psi"],
                                          "apiKey": {"salt": "%s", "sha256": "%s"}}]}}
                """.formatted(items, seed, Base64.getEncoder().encodeToString("pepper".getBytes()),
                Base64.getEncoder().encodeToString(ApiKeyHash.of("pepper".getBytes(), API_KEY).sha256())));
        keyFile = Files.writeString(dir.resolve("globex.key"), API_KEY + "\n");
        WorkerConfigReader reader = new WorkerConfigReader(Map.of());
        worker = PsiWorker.start(reader.read(config), new Curve25519Group(), null, reader);
        worker.keyEpochs().rotateTo(3).get();
        endpoint = "http://127.0.0.1:" + worker.port();
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    @Test
    void psiCaPrintsTheCount() throws Exception {
        Path mine = Files.write(dir.resolve("mine.txt"), List.of("Bob@Example.com", "dave@example.com", "ALICE@example.com"));
        TfctlRun run = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", mine.toString(),
                "--api-key-file", keyFile.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("2");
        TfctlRun inline = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", mine.toString(), "--api-key", API_KEY);
        assertThat(inline.out().strip()).isEqualTo("2");
    }

    @Test
    void missingOrWrongKeyIsRefusedWithTheProblemType() throws Exception {
        Path mine = Files.write(dir.resolve("k.txt"), List.of("bob@example.com"));
        TfctlRun none = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", mine.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("401").contains("unknown-credentials");
        TfctlRun wrong = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", mine.toString(), "--api-key", "tfk_wrong");
        assertThat(wrong.err()).contains("unknown-credentials").doesNotContain("tfk_wrong");
        TfctlRun halfCertificate = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", mine.toString(),
                "--cert", keyFile.toString());
        assertThat(halfCertificate.exitCode()).isEqualTo(1);
        assertThat(halfCertificate.err()).contains("needs both the certificate and its key");
    }

    @Test
    void psiPrintsTheMatchingItemsFromACsvColumn() throws Exception {
        Path mine = Files.writeString(dir.resolve("mine.csv"),
                "id,email\n1,dave@example.com\n2,\"carol@example.com\"\n3,bob@example.com\n");
        TfctlRun run = TfctlRun.of("psi", "--endpoint", endpoint, "--api-key-file", keyFile.toString(),
                "--items", mine.toString(), "--csv-column", "1",
                "--csv-header", "--normalization", "email-lowercase");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("carol@example.com", "bob@example.com");
    }

    @Test
    void mismatchedNormalizationIsAClearError() throws Exception {
        Path mine = Files.write(dir.resolve("n.txt"), List.of("bob@example.com"));
        TfctlRun run = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--api-key-file", keyFile.toString(),
                "--items", mine.toString(), "--normalization", "trim");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("normalizes items with 'email-lowercase' but 'trim' was requested");
    }

    @Test
    void missingFileAndUnreachableWorkerAreClearErrors() throws Exception {
        TfctlRun missing = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", dir.resolve("nope.txt").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("cannot read items");

        Path mine = Files.write(dir.resolve("u.txt"), List.of("bob@example.com"));
        TfctlRun unreachable = TfctlRun.of("psi-ca", "--endpoint", "http://127.0.0.1:1", "--items", mine.toString());
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).contains("cannot reach the worker");
    }
}
