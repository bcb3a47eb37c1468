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
 * as the README says, the denied partner answered, the README's history command showing the change's impact replayed
 * on those four decisions, and a rule run in dryrun, counted, and promoted to enforce.
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

            // the four decisions reach the operator with the worker OPA's decision log (every second or two)
            await("the four decisions are recorded").atMost(Duration.ofMinutes(1)).pollInterval(POLL)
                    .until(() -> local.recordedDecisions("trust-policy", "acme") >= 4);

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

            // what the change did: the README's history command, once the operator's OPA replayed the decisions
            String history = await("revision 2's impact is replayed").atMost(Duration.ofMinutes(1)).pollInterval(POLL)
                    .until(() -> TfctlRun.ok(withKubeconfig(readmeCommand("policy history"), local)),
                            out -> out.contains("  impact:       would have denied"));
            System.out.println("tfctl policy history (README):\n" + history);
            String revision2 = history.substring(history.indexOf("REVISION 2  "), history.indexOf("REVISION 1  "));
            assertThat(revision2).contains("  changes:      us-only: allowedRegions [\"us-east-1\"] -> "
                    + "[\"us-east-1\",\"eu-west-1\"]", "  minimisation: no change in what partners can obtain")
                    .containsPattern("impact: +would have denied 0 of \\d+ recent queries; allows \\d+ previously"
                            + " denied \\([^)]*initech: 1[^)]*\\); partners affected: [^\\n]*initech")
                    .contains("PolicyCompiled  Revision 2 (sha256:", "PolicyImpact  Revision 2 (sha256:");

            // dryrun first: signed-dpa stops warning, its would-be denials are counted, then promote enforces it
            text = Files.readString(policy, StandardCharsets.UTF_8);
            assertThat(text).containsOnlyOnce("enforcementAction: warn");
            Files.writeString(policy, text.replace("enforcementAction: warn", "enforcementAction: dryrun"));
            apply = TfctlRun.of("apply", "-f", policy.toString(), "--kubeconfig", local.kubeconfig().toString());
            assertThat(apply.exitCode()).as(apply.err()).isZero();
            await("hooli answered without a warning once the OPA has revision 3").atMost(Duration.ofMinutes(2))
                    .pollInterval(POLL).untilAsserted(() -> {
                        TfctlRun hooli = run(local, commands.get(3));
                        assertThat(hooli.exitCode()).as(hooli.err()).isZero();
                        assertThat(hooli.err()).doesNotContain("warning:");
                    });
            await("the dryrun tally counts hooli's query").atMost(Duration.ofMinutes(2)).pollInterval(POLL)
                    .until(() -> wouldDeny(local, "signed-dpa") >= 1);
            TfctlRun promote = TfctlRun.of(withKubeconfig(readmeCommand("policy promote"), local));
            System.out.println("tfctl policy promote (README):\n" + promote.out() + promote.err());
            assertThat(promote.exitCode()).as(promote.err()).isZero();
            assertThat(promote.out()).contains("Rule signed-dpa of TrustPolicy trust-policy/acme-policy"
                    + " (contract-flag@v1) is in dryrun.", "  would have denied 1 of 1 query since ", " (hooli: 1)",
                    "trustpolicy.trustfabric.io/acme-policy patched: rule signed-dpa enforcementAction dryrun -> enforce");
            await("hooli is refused once the OPA has revision 4").atMost(Duration.ofMinutes(2)).pollInterval(POLL)
                    .untilAsserted(() -> {
                        TfctlRun hooli = run(local, commands.get(3));
                        assertThat(hooli.exitCode()).isEqualTo(1);
                        assertThat(hooli.err()).contains("403").contains("signed-dpa: partner hooli lacks the"
                                + " contract flag signed-dpa required for mode psi-ca");
                    });
            String after = TfctlRun.ok(withKubeconfig(readmeCommand("policy history"), local));
            assertThat(after).contains("revision 4 in force", "signed-dpa: enforcementAction dryrun -> enforce");
            var history4 = local.client().configMaps().inNamespace("trust-policy")
                    .withName("acme-policy-policy-history").get();
            assertThat(history4.getData()).hasSize(4);
            history4.getData().forEach((key, entry) -> System.out.printf("history entry %s: %d bytes%n", key,
                    entry.getBytes(StandardCharsets.UTF_8).length));
        }
    }

    @Test
    void theReadmeLintCommandPrintsWhatTheReadmeShows() throws Exception {
        String[] command = readmeCommand("lint");
        String readme = Files.readString(EXAMPLE.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher shown = Pattern.compile("^\\./tfctl lint .*\n(.+)$", Pattern.MULTILINE).matcher(readme);
        assertThat(shown.find()).isTrue();
        String[] args = java.util.Arrays.stream(command).map(w -> w.replace("examples/policies/",
                EXAMPLE.toString() + "/")).toArray(String[]::new);
        TfctlRun lint = TfctlRun.of(args);
        assertThat(lint.exitCode()).as(lint.err()).isZero();
        assertThat(lint.out().strip()).isEqualTo(shown.group(1).strip());
    }

    /** The README's {@code ./tfctl <prefix> ...} command, split into words. */
    private static String[] readmeCommand(String prefix) throws Exception {
        String readme = Files.readString(EXAMPLE.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("^\\./tfctl (" + Pattern.quote(prefix) + " .*)$", Pattern.MULTILINE).matcher(readme);
        assertThat(m.find()).as("README has ./tfctl %s ...", prefix).isTrue();
        return m.group(1).strip().split("\\s+");
    }

    private static String[] withKubeconfig(String[] args, LocalMode local) {
        List<String> out = new ArrayList<>(List.of(args));
        out.add("--kubeconfig");
        out.add(local.kubeconfig().toString());
        return out.toArray(String[]::new);
    }

    private static long wouldDeny(LocalMode local, String rule) {
        var policy = local.client().resources(io.trustfabric.api.v1alpha1.TrustPolicy.class)
                .inNamespace("trust-policy").withName("acme-policy").get();
        if (policy == null || policy.getStatus() == null || policy.getStatus().getDryrun() == null) {
            return 0;
        }
        return policy.getStatus().getDryrun().stream().filter(t -> rule.equals(t.getRule()))
                .mapToLong(t -> t.getWouldDeny() == null ? 0 : t.getWouldDeny()).sum();
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
