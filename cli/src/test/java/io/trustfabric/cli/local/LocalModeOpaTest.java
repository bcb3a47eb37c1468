package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trustfabric.cli.TfctlRun;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.testsupport.RequiresOpa;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies in local mode: with opa installed every local worker asks an OPA of its own, which follows the tenant's
 * TrustPolicy as it changes; without opa a governed tenant is refused (policy-unavailable), an ungoverned one is
 * answered, and local mode says how to install OPA. Runs on the embedded mock API server.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class LocalModeOpaTest {

    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart");
    private static final Path LIMITED_GA = Path.of("..", "examples", "limited-ga");
    private static final String GLOBEX_KEY = "demo-globex-4f1c2a9e7b3d";    // eu-west-1
    private static final String INITECH_KEY = "demo-initech-8e6b0d2c5a17";  // us-east-1 (made current below)
    private static final Duration POLL = Duration.ofMillis(500);

    @TempDir
    Path tmp;

    @Test
    @RequiresOpa
    void eachWorkerAsksItsOwnOpaWhichFollowsTheTrustPolicyAsItChanges(ControlPlaneBinaries bin) throws Exception {
        Path examples = examples(false);
        StringWriter progress = new StringWriter();
        LocalOpa.Lookup testbin = new LocalOpa.Lookup(Map.of("PATH", ""), ControlPlaneBinaries.cacheDir());
        List<ProcessHandle> children;
        try (LocalMode local = start(examples, testbin, progress)) {
            assertThat(progress.toString()).contains("OPA: " + bin.opa() + " (v" + bin.opaVersion() + ", from "
                    + ControlPlaneBinaries.cacheDir().resolve("testbin.properties")
                    + "): one OPA process next to every local worker\n");
            assertThat(local.opaBinary()).contains(bin.opa());

            TfctlRun denied = awaitRefusal(local, GLOBEX_KEY, "403");
            assertThat(denied.err()).contains("policy-denied").contains("allowed-regions");
            TfctlRun answered = query(local, INITECH_KEY);
            assertThat(answered.exitCode()).as(answered.err()).isZero();
            assertThat(answered.out().strip()).isEqualTo("20");

            List<Integer> opaPorts = local.opaPorts().get("trust-ga/acme-psi");
            assertThat(opaPorts).as("one OPA per replica").hasSize(1);
            String summary = local.summary();
            assertThat(summary).contains("POLICY").contains("OPA 127.0.0.1:" + opaPorts.get(0))
                    .doesNotContain("Policy unavailable");
            try (Stream<Path> logs = Files.list(tmp.resolve("work"))) {
                assertThat(logs.map(p -> p.getFileName().toString()))
                        .as("the OPA's log beside its worker's").anyMatch(n -> n.matches("acme-psi-.*-opa\\.log"));
            }
            assertThat(childrenMentioning(tmp)).as("the OPA runs as a child of local mode")
                    .anyMatch(LocalModeOpaTest::isOpa);

            Files.writeString(examples.resolve("ga-70-policy.yaml"), policy("eu-west-1"), StandardCharsets.UTF_8);
            TfctlRun apply = TfctlRun.of("apply", "-f", examples.resolve("ga-70-policy.yaml").toString(),
                    "--kubeconfig", local.kubeconfig().toString());
            assertThat(apply.exitCode()).as(apply.err()).isZero();

            await("globex (eu-west-1) is answered once the OPA has the new policy").atMost(Duration.ofMinutes(2))
                    .pollInterval(POLL).untilAsserted(() -> {
                        TfctlRun globex = query(local, GLOBEX_KEY);
                        assertThat(globex.exitCode()).as(globex.err()).isZero();
                        assertThat(globex.out().strip()).isEqualTo("20");
                    });
            TfctlRun initech = query(local, INITECH_KEY);
            assertThat(initech.exitCode()).isEqualTo(1);
            assertThat(initech.err()).contains("403").contains("policy-denied").contains("allowed-regions");
            children = childrenMentioning(tmp);
        }
        await("no worker or OPA process is left after close").atMost(Duration.ofMinutes(1)).pollInterval(POLL)
                .untilAsserted(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void withoutOpaAGovernedTenantIsRefusedAnUngovernedOneAnsweredAndTheInstallCommandPrinted() throws Exception {
        Path examples = examples(true);
        StringWriter progress = new StringWriter();
        LocalOpa.Lookup hidden = new LocalOpa.Lookup(Map.of(LocalOpa.VARIABLE, LocalOpa.NONE), tmp.resolve("no-testbin"));
        try (LocalMode local = start(examples, hidden, progress)) {
            assertThat(progress.toString()).contains("OPA: hidden by TF_OPA_BINARY=none. Policy is unavailable: "
                    + "tenants governed by a TrustPolicy refuse every query (503 policy-unavailable); tenants without "
                    + "one are answered unchecked, with a Warning header. To install OPA: install Go 1.26+ and run "
                    + "build-tools/test-binaries.sh");
            assertThat(local.opaBinary()).isEmpty();

            TfctlRun refused = awaitRefusal(local, GLOBEX_KEY, "503");
            assertThat(refused.err()).contains("policy-unavailable");

            assertThat(local.awaitTenantReady("trust", "acme", Duration.ofMinutes(3))).isTrue();
            TfctlRun ungoverned = TfctlRun.of("psi-ca", "--endpoint", endpoint(local, "trust/acme-psi"), "--items",
                    QUICKSTART.resolve("partner-items.txt").toString(),
                    "--api-key-file", QUICKSTART.resolve("partner-api-key.txt").toString());
            assertThat(ungoverned.exitCode()).as(ungoverned.err()).isZero();
            assertThat(ungoverned.out().strip()).isEqualTo("40");

            assertThat(local.summary()).contains("unavailable (no opa)")
                    .contains("To enforce policies locally: install Go 1.26+ and run build-tools/test-binaries.sh");
            assertThat(local.opaPorts().values()).allMatch(List::isEmpty);
            assertThat(childrenMentioning(tmp)).noneMatch(LocalModeOpaTest::isOpa);
        }
    }

    /** Polls a governed query until it is refused with this status (the policy reaches workers in steps). */
    private static TfctlRun awaitRefusal(LocalMode local, String apiKey, String status) {
        return await("globex refused with " + status).atMost(Duration.ofMinutes(3)).pollInterval(POLL)
                .until(() -> query(local, apiKey), run -> run.exitCode() == 1 && run.err().contains(status));
    }

    /** A psi-ca query to trust-ga/acme at its current endpoint (a new policy restarts its worker on a new port). */
    private static TfctlRun query(LocalMode local, String apiKey) {
        String endpoint = endpoint(local, "trust-ga/acme-psi");
        return TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", LIMITED_GA.resolve("partner-items.txt").toString(),
                "--api-key", apiKey);
    }

    private static String endpoint(LocalMode local, String deployment) {
        return await(deployment + " serving").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> local.workerEndpoints().getOrDefault(deployment, List.of()), e -> !e.isEmpty()).get(0);
    }

    /**
     * The limited-GA example with initech current (and in us-east-1) and a TrustPolicy that allows only us-east-1;
     * withQuickstart adds the quickstart's ungoverned tenant trust/acme.
     */
    private Path examples(boolean withQuickstart) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("examples"));
        copyYaml(LIMITED_GA, dir, "ga-");
        Path partners = dir.resolve("ga-50-acme-partners.yaml");
        String allowlist = Files.readString(partners, StandardCharsets.UTF_8);
        assertThat(allowlist).contains("2025-06-30T00:00:00Z").contains("region: us-east-1");
        Files.writeString(partners, allowlist.replace("2025-06-30T00:00:00Z", "2099-12-31T23:59:59Z"));
        Files.writeString(dir.resolve("ga-70-policy.yaml"), policy("us-east-1"), StandardCharsets.UTF_8);
        if (withQuickstart) {
            copyYaml(QUICKSTART, dir, "qs-");
        }
        return dir;
    }

    private static void copyYaml(Path from, Path to, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, to.resolve(prefix + file.getFileName()));
            }
        }
    }

    private static String policy(String region) {
        return """
                apiVersion: trustfabric.io/v1alpha1
                kind: TrustPolicy
                metadata:
                  name: acme-policy
                  namespace: trust-ga
                spec:
                  tenantRef: acme
                  rules:
                  - name: allowed-regions
                    macro: residency@v1
                    with: { allowedRegions: [%s] }
                    enforcementAction: enforce
                """.formatted(region);
    }

    private LocalMode start(Path examples, LocalOpa.Lookup opa, StringWriter progress) {
        return LocalMode.start(new LocalMode.Options(0, tmp.resolve("work"), tmp.resolve("kubeconfig"), examples, true,
                Duration.ofMillis(250), ApiServerChoice.MOCK, opa), new PrintWriter(progress, true));
    }

    private static List<ProcessHandle> childrenMentioning(Path folder) {
        String path = folder.toAbsolutePath().toString();
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(path)).toList();
    }

    private static boolean isOpa(ProcessHandle process) {
        String commandLine = process.info().commandLine().orElse("");
        return commandLine.contains(" run --server ") && !commandLine.contains(WorkerLaunch.WORKER_MAIN);
    }
}
