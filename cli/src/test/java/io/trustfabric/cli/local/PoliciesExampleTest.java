package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trustfabric.cli.TfctlRun;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.testsupport.RequiresOpa;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/policies/ with the commands its README prints: local mode with a real OPA next to the worker, one query
 * allowed, one denied by residency, one by the set-size cap, one answered with a warning; then the policy edited
 * as the README says, and the denied partner answered.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class PoliciesExampleTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "policies");
    private static final Duration POLL = Duration.ofMillis(500);

    @TempDir
    Path tmp;

    @Test
    @RequiresOpa
    void theReadmeCommandsAnswerDenyAndWarnAsTheReadmeSays(ControlPlaneBinaries binaries) throws Exception {
        List<String> commands = readmeQueries();
        assertThat(commands).as("the README's four psi-ca commands").hasSize(4);
        Path examples = Files.createDirectories(tmp.resolve("examples"));
        try (var files = Files.list(EXAMPLE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, examples.resolve(file.getFileName()));
            }
        }
        LocalOpa.Lookup testbin = new LocalOpa.Lookup(Map.of("PATH", ""), ControlPlaneBinaries.cacheDir());
        try (LocalMode local = LocalMode.start(new LocalMode.Options(0, tmp.resolve("work"), tmp.resolve("kubeconfig"),
                examples, true, Duration.ofMillis(250), ApiServerChoice.MOCK, testbin),
                new PrintWriter(new StringWriter(), true))) {
            assertThat(local.awaitTenantReady("trust-policy", "acme", Duration.ofMinutes(3)))
                    .as("Tenant Ready; state:%n%s", local.summary()).isTrue();

            TfctlRun allowed = await("the policy reaches the worker's OPA").atMost(Duration.ofMinutes(2))
                    .pollInterval(POLL).until(() -> run(local, commands.get(0)), r -> r.exitCode() == 0);
            assertThat(allowed.out().strip()).isEqualTo("40");
            assertThat(allowed.err()).doesNotContain("warning:");

            TfctlRun residency = run(local, commands.get(1));
            assertThat(residency.exitCode()).isEqualTo(1);
            assertThat(residency.err()).contains("403").contains("policy-denied").contains("us-only")
                    .contains("partner region eu-west-1");

            TfctlRun tooSmall = run(local, commands.get(2));
            assertThat(tooSmall.exitCode()).isEqualTo(1);
            assertThat(tooSmall.err()).contains("403").contains("policy-denied").contains("no-probing");

            TfctlRun warned = run(local, commands.get(3));
            assertThat(warned.exitCode()).as(warned.err()).isZero();
            assertThat(warned.out().strip()).isEqualTo("40");
            assertThat(warned.err()).contains("warning: signed-dpa:");

            assertThat(TfctlRun.ok("get", "trustpolicies", "-n", "trust-policy", "--kubeconfig",
                    local.kubeconfig().toString())).containsPattern("acme-policy\\s+acme\\s+1\\s+True");

            Path policy = examples.resolve("70-policy-acme.yaml");
            String text = Files.readString(policy, StandardCharsets.UTF_8);
            assertThat(text).contains("allowedRegions: [us-east-1]");
            Files.writeString(policy, text.replace("allowedRegions: [us-east-1]", "allowedRegions: [us-east-1, eu-west-1]"));
            TfctlRun apply = TfctlRun.of("apply", "-f", policy.toString(), "--kubeconfig", local.kubeconfig().toString());
            assertThat(apply.exitCode()).as(apply.err()).isZero();
            await("initech is answered once the OPA has revision 2").atMost(Duration.ofMinutes(2)).pollInterval(POLL)
                    .untilAsserted(() -> {
                        TfctlRun initech = run(local, commands.get(1));
                        assertThat(initech.exitCode()).as(initech.err()).isZero();
                        assertThat(initech.out().strip()).isEqualTo("40");
                    });
            assertThat(TfctlRun.ok("get", "trustpolicies", "-n", "trust-policy", "--kubeconfig",
                    local.kubeconfig().toString())).containsPattern("acme-policy\\s+acme\\s+2\\s+True");
        }
    }

    /** The README's `./tfctl psi-ca ...` commands, line continuations joined, PORT left in. */
    private static List<String> readmeQueries() throws Exception {
        String readme = Files.readString(EXAMPLE.resolve("README.md"), StandardCharsets.UTF_8).replace("\\\n", " ");
        Matcher m = Pattern.compile("^\\./tfctl (psi-ca .*)$", Pattern.MULTILINE).matcher(readme);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).replaceAll("\\s+", " ").strip());
        }
        return out;
    }

    /** Runs a README command from the repository root's point of view, with the worker's real port for PORT. */
    private static TfctlRun run(LocalMode local, String command) {
        String endpoint = await("acme serving").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> local.workerEndpoints().getOrDefault("trust-policy/acme-psi", List.of()),
                        e -> !e.isEmpty()).get(0);
        List<String> args = new ArrayList<>();
        for (String word : command.split(" ")) {
            args.add(word.replace("http://127.0.0.1:PORT", endpoint).replace("examples/policies/",
                    EXAMPLE.toString() + "/"));
        }
        return TfctlRun.of(args.toArray(String[]::new));
    }
}
