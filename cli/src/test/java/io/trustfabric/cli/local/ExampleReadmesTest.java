package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trustfabric.cli.TfctlRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example folder without a test of its own (policies: PoliciesExampleTest, what-if: WhatIfExampleTest, gitops:
 * GitOpsTenantFolderTest) in local mode on the embedded mock API server, with the {@code ./tfctl} commands its README
 * prints, each checked against the output the README shows under it ({@link ReadmeCommands}). Plus the case of issue
 * 15: a partner holding raw e-mails, as the partner guide shows them, querying the quickstart.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class ExampleReadmesTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    /** Commands that talk to the API server: the test adds local mode's kubeconfig, as local mode's Try: lines do. */
    private static final Set<String> CLUSTER_COMMANDS = Set.of("get", "describe", "apply", "delete");
    /** Commands whose output follows the operator's status, which workers report within seconds. */
    private static final Set<String> EVENTUALLY = Set.of("get", "describe");

    @TempDir
    Path tmp;

    @Test
    void quickstartReadmeCommandsPrintWhatTheReadmeShows() throws Exception {
        List<String> ran = runReadme("quickstart", "trust", "acme");
        assertThat(ran).as("the README's commands").anyMatch(c -> c.startsWith("psi-ca "))
                .anyMatch(c -> c.startsWith("get privacybudgets")).anyMatch(c -> c.startsWith("receipts verify"));
    }

    @Test
    void limitedGaReadmeCommandsPrintWhatTheReadmeShows() throws Exception {
        List<String> ran = runReadme("limited-ga", "trust-ga", "acme");
        assertThat(ran).as("the README's commands").filteredOn(c -> c.startsWith("psi-ca ") || c.startsWith("psi "))
                .hasSize(3);
        assertThat(ran).anyMatch(c -> c.startsWith("get partnerallowlists"));
    }

    @Test
    void budgetsReadmeCommandsPrintWhatTheReadmeShows() throws Exception {
        List<String> ran = runReadme("budgets", "trust", "acme");
        assertThat(ran).as("the README's queries: globex, hooli, initech (run five times), initech's sixth")
                .filteredOn(c -> c.startsWith("psi-ca ")).hasSize(4);
        assertThat(ReadmeCommands.of(EXAMPLES.resolve("budgets/README.md")).steps())
                .as("initech's five answered queries").anyMatch(s -> s.times() == 5 && s.shown().equals(List.of("2")));
        assertThat(ran).anyMatch(c -> c.startsWith("get privacybudgets"))
                .anyMatch(c -> c.startsWith("describe privacybudget acme-initech-demo"));
    }

    /**
     * Issue 15: a partner that holds its customers' e-mails as they are (mixed case, stray spaces, as in the partner
     * guide's example), not hashes of them, asks the quickstart tenant; 40 of its 100 are acme's customers.
     */
    @Test
    void aPartnerHoldingRawEmailsGetsTheRightCountFromTheQuickstart() throws Exception {
        Path quickstart = EXAMPLES.resolve("quickstart");
        List<String> items = new ArrayList<>();
        IntStream.rangeClosed(261, 300).forEach(i -> items.add(i % 3 == 0
                ? String.format("  Customer%04d@Example.COM ", i) : String.format("customer%04d@example.com", i)));
        IntStream.rangeClosed(1, 60).forEach(i -> items.add(String.format("someone%04d@globex.example", i)));
        Path file = Files.write(tmp.resolve("raw-emails.txt"), items);
        try (LocalMode local = start(quickstart)) {
            String endpoint = endpoint(local, "trust", "acme");
            TfctlRun query = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", file.toString(),
                    "--api-key-file", quickstart.resolve("partner-api-key.txt").toString());
            assertThat(query.exitCode()).as(query.err()).isZero();
            assertThat(query.out().strip()).as("40 of the partner's 100 raw e-mails are acme customers").isEqualTo("40");

            // the same partner insisting on raw e-mails: the worker announces email-lowercase, so it is answered too
            TfctlRun insisting = TfctlRun.of("psi-ca", "--endpoint", endpoint, "--items", file.toString(),
                    "--api-key-file", quickstart.resolve("partner-api-key.txt").toString(),
                    "--normalization", "email-lowercase");
            assertThat(insisting.exitCode()).as(insisting.err()).isZero();
            assertThat(insisting.out().strip()).isEqualTo("40");
        }
        // the data set and the partner file hold e-mails, not digests (which the worker would hash once more)
        assertThat(Files.readAllLines(quickstart.resolve("partner-items.txt"))).hasSize(120)
                .allMatch(l -> l.contains("@"));
        assertThat(Files.readString(quickstart.resolve("20-acme-customers.yaml"))).contains("    customer0001@example.com\n")
                .doesNotContainPattern("[0-9a-f]{64}");
    }

    /**
     * Starts local mode with examples/NAME, as the README's {@code ./tfctl local} command does, and runs every other
     * {@code ./tfctl} command of the README in order; returns the commands run (placeholders left in).
     */
    private List<String> runReadme(String name, String namespace, String tenant) throws Exception {
        Path folder = EXAMPLES.resolve(name);
        ReadmeCommands readme = ReadmeCommands.of(folder.resolve("README.md"));
        List<ReadmeCommands.Step> local = readme.steps().stream().filter(s -> s.words().get(0).equals("local")).toList();
        assertThat(local).as("examples/%s/README.md says how to start it in local mode", name).hasSize(1);
        List<String> localArgs = local.get(0).words().subList(1, local.get(0).words().size());
        assertThat(localArgs).as("./tfctl local applies this folder").isEqualTo(name.equals("quickstart")
                ? List.of() : List.of("--examples", "examples/" + name));

        List<String> ran = new ArrayList<>();
        try (LocalMode mode = start(folder)) {
            String endpoint = endpoint(mode, namespace, tenant);
            for (ReadmeCommands.Step step : readme.steps()) {
                if (step.words().get(0).equals("local")) {
                    continue;
                }
                String[] args = substitute(step, mode, endpoint, folder, name);
                for (int i = 1; i <= step.times(); i++) {
                    String what = String.format("examples/%s/README.md: ./tfctl %s (run %d of %d)", name,
                            step.command(), i, step.times());
                    if (step.command().contains("receipt-key.pub")) {
                        await("the tenant's receipt key is published").atMost(Duration.ofMinutes(1))
                                .until(() -> mode.writeReceiptKey(new LocalMode.TenantRef(namespace, tenant)).isPresent());
                    }
                    if (EVENTUALLY.contains(step.words().get(0))) {
                        AtomicReference<TfctlRun> last = new AtomicReference<>();
                        try {
                            await(what).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                                    .until(() -> {
                                        last.set(TfctlRun.of(args));
                                        return last.get().exitCode() == 0
                                                && ReadmeCommands.missing(step, last.get().out()).isEmpty();
                                    });
                        } catch (org.awaitility.core.ConditionTimeoutException e) {
                            check(what, step, last.get());
                        }
                    } else {
                        check(what, step, TfctlRun.of(args));
                    }
                }
                ran.add(step.command());
            }
        }
        return ran;
    }

    /** The command exited as the shown output says (1 for a shown {@code error:}, else 0) and printed every shown line. */
    private static void check(String what, ReadmeCommands.Step step, TfctlRun run) {
        assertThat(run.exitCode()).as("%s exit code; out:%n%s%nerr:%n%s", what, run.out(), run.err())
                .isEqualTo(step.shownError() ? 1 : 0);
        String printed = step.shownError() ? run.err() : run.out();
        assertThat(ReadmeCommands.missing(step, printed))
                .as("%s: lines the README shows that the command did not print; it printed:%n%s%s", what, run.out(),
                        run.err())
                .isEmpty();
    }

    /** The README's words with the real endpoint, folder and local-mode folder, and the kubeconfig for cluster commands. */
    private String[] substitute(ReadmeCommands.Step step, LocalMode mode, String endpoint, Path folder, String name) {
        List<String> args = new ArrayList<>();
        for (String word : step.words()) {
            args.add(word.replace("http://127.0.0.1:PORT", endpoint)
                    .replace("examples/" + name + "/", folder + "/")
                    .replace("DIR/", tmp + "/"));
        }
        assertThat(String.join(" ", args)).as("placeholders left in ./tfctl %s", step.command())
                .doesNotContain("PORT").doesNotContain("DIR/");
        if (CLUSTER_COMMANDS.contains(step.words().get(0))) {
            args.add("--kubeconfig");
            args.add(mode.kubeconfig().toString());
        }
        return args.toArray(String[]::new);
    }

    private LocalMode start(Path folder) {
        return LocalMode.start(new LocalMode.Options(0, tmp.resolve("work"), tmp.resolve("kubeconfig"), folder, true,
                Duration.ofMillis(250), ApiServerChoice.MOCK), new PrintWriter(new StringWriter(), true));
    }

    private static String endpoint(LocalMode local, String namespace, String tenant) {
        assertThat(local.awaitTenantReady(namespace, tenant, Duration.ofMinutes(3)))
                .as("Tenant %s/%s Ready; state:%n%s", namespace, tenant, local.summary()).isTrue();
        return await(tenant + " serving").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> local.workerEndpoints().getOrDefault(namespace + "/" + tenant + "-psi", List.of()),
                        e -> !e.isEmpty()).get(0);
    }
}
