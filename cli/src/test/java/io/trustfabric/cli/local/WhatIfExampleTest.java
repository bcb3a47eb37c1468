package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.ScenarioPhase;
import io.trustfabric.api.v1alpha1.ScenarioSummary;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TenantStatus;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.cli.TfctlRun;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.operator.sla.SlaVerdict;
import io.trustfabric.testsupport.RequiresOpa;
import io.trustfabric.testsupport.RequiresRealBinaries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/what-if/ with the commands its README prints, in local mode on the real API server with real workers and
 * OPAs: the README's queries recorded; all four scenarios applied with the README's command and Succeeded with what
 * the README says they find; the README's report command writing the HTML report; the tenant's SLA measured from
 * its worker; then the policy change made for real under steady traffic, and the README's {@code tfctl why} naming
 * the new policy bundle as the first cause of the rising denial rate, from real worker metrics.
 */
@RequiresRealBinaries
@RequiresOpa
@Timeout(value = 12, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a performance assertion
class WhatIfExampleTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "what-if");
    private static final String NAMESPACE = "trust-whatif";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SCRAPE = Duration.ofSeconds(1);

    @TempDir
    Path tmp;

    @Test
    void theReadmeCommandsReplayAllFourTemplatesMeasureTheSlaAndExplainTheChange(ControlPlaneBinaries bin)
            throws Exception {
        String readme = Files.readString(EXAMPLE.resolve("README.md"), StandardCharsets.UTF_8).replace("\\\n", " ");
        List<String> queries = readmeCommands(readme, "psi-ca");
        assertThat(queries).as("the README's two psi-ca commands").hasSize(2);
        Path examples = copyExample(tmp.resolve("examples"));
        LocalWorkerEndpoints endpoints = new LocalWorkerEndpoints();
        LocalOpa.Lookup testbin = new LocalOpa.Lookup(Map.of("PATH", ""), ControlPlaneBinaries.cacheDir());
        try (LocalMode local = LocalMode.start(new LocalMode.Options(0, tmp.resolve("work"), tmp.resolve("kubeconfig"),
                        examples, true, Duration.ofMillis(250), ApiServerChoice.REAL, testbin),
                new PrintWriter(new StringWriter(), true),
                (client, ssa, opaUrl) -> OperatorLauncher.start(client, ssa, opaUrl, endpoints, SCRAPE), endpoints)) {
            assertThat(local.awaitTenantReady(NAMESPACE, "acme", Duration.ofMinutes(3)))
                    .as("Tenant Ready; state:%n%s", local.summary()).isTrue();
            String kubeconfig = local.kubeconfig().toString();

            // 1. five queries of each partner, both answered
            await("the policy reaches the worker's OPA").atMost(Duration.ofMinutes(2)).pollInterval(POLL)
                    .until(() -> run(local, examples, queries.get(0)), r -> r.exitCode() == 0);
            for (int i = 0; i < 5; i++) { // the first globex query was the one the wait saw answered
                for (String query : i == 0 ? queries.subList(1, 2) : queries) {
                    TfctlRun answer = run(local, examples, query);
                    assertThat(answer.exitCode()).as(answer.err()).isZero();
                    assertThat(answer.out().strip()).isEqualTo("40");
                }
            }
            long recorded = await("the decisions reach the operator").atMost(Duration.ofMinutes(1)).pollInterval(POLL)
                    .until(() -> (long) local.recordedDecisions(NAMESPACE, "acme"), n -> n >= 10);
            long globex = recorded - 5;

            // 2. the four scenarios, applied with the README's command
            TfctlRun apply = TfctlRun.of(withKubeconfig(readmeCommand(readme, examples, "apply -f examples/what-if/scenarios/"),
                    kubeconfig));
            assertThat(apply.exitCode()).as(apply.err()).isZero();
            for (String name : List.of("us-only", "smaller-budget", "one-compute-thread", "next-dataset")) {
                WhatIfScenario done = await(name + " finished").atMost(Duration.ofMinutes(4)).pollInterval(POLL)
                        .until(() -> local.client().resources(WhatIfScenario.class).inNamespace(NAMESPACE)
                                .withName(name).get(), s -> s.getStatus() != null && (s.getStatus().getPhase()
                                == ScenarioPhase.Succeeded || s.getStatus().getPhase() == ScenarioPhase.Failed));
                assertThat(done.getStatus().getPhase()).as("%s: %s", name, done.getStatus().getConditions())
                        .isEqualTo(ScenarioPhase.Succeeded);
                assertThat(done.getStatus().getReportRef()).isNotNull();
            }
            ScenarioSummary usOnly = summary(local, "us-only");
            assertThat(usOnly.getReplayed()).isEqualTo(recorded);
            assertThat(usOnly.getAllowedToDenied()).isEqualTo(5);
            assertThat(usOnly.getByPartner()).containsExactly(Map.entry("initech", 5L));
            ScenarioSummary budget = summary(local, "smaller-budget");
            assertThat(budget.getBudget().getCharges()).isEqualTo(recorded);
            assertThat(budget.getBudget().getBaselineRefused()).isZero();
            assertThat(budget.getBudget().getCandidateRefused()).isEqualTo(recorded - 3);
            ScenarioSummary pin = summary(local, "one-compute-thread");
            assertThat(pin.getAnswers().getCompared()).isEqualTo(10);
            assertThat(pin.getAnswers().getIdentical()).isEqualTo(10);
            assertThat(pin.getAnswers().getBaselineP95Ms()).isPositive();
            assertThat(pin.getAnswers().getCandidateP95Ms()).isPositive();
            ScenarioSummary seed = summary(local, "next-dataset");
            assertThat(seed.getDataset().getItemsAdded()).isEqualTo(30);
            assertThat(seed.getDataset().getItemsRemoved()).isEqualTo(20);
            assertThat(seed.getDataset().getCandidateItems()).isEqualTo(310);
            System.out.println("tfctl get whatifscenarios (README):\n" + TfctlRun.ok(withKubeconfig(
                    readmeCommand(readme, examples, "get whatifscenarios"), kubeconfig)));
            System.out.printf("[what-if example] recorded %d decisions (globex %d); us-only %s; smaller-budget %s;"
                    + " one-compute-thread %s; next-dataset %s%n", recorded, globex, usOnly.getHeadline(),
                    budget.getHeadline(), pin.getHeadline(), seed.getHeadline());

            String get = TfctlRun.ok(withKubeconfig(readmeCommand(readme, examples, "whatif get"), kubeconfig));
            System.out.println("tfctl whatif get (README):\n" + get);
            assertThat(get).contains("Succeeded");
            Path report = Path.of(readmeCommand(readme, examples, "whatif report")[6]);
            TfctlRun reportRun = TfctlRun.of(withKubeconfig(readmeCommand(readme, examples, "whatif report"),
                    kubeconfig));
            assertThat(reportRun.exitCode()).as(reportRun.err()).isZero();
            String html = Files.readString(report, StandardCharsets.UTF_8);
            assertThat(html).contains("id=\"diff\"", "initech").doesNotContain("http://", "https://");

            // 3. the SLA, measured from the worker's metrics
            TenantStatus measured = tenantStatus(local, s -> s.getSla() != null && s.getSla().getRequestsLastHour() != null
                    && s.getSla().getRequestsLastHour() >= 10 && s.getSla().getReplayLatencySeconds() != null
                    && slaCondition(s) != null && slaCondition(s).isTrue());
            assertThat(slaCondition(measured).getReason()).isEqualTo(SlaVerdict.REASON_CONFORMANT);
            assertThat(measured.getSla().getP95LatencyMs()).isPositive();
            assertThat(measured.getSla().getErrorRatePercent()).isZero();
            String describe = TfctlRun.ok(withKubeconfig(readmeCommand(readme, examples, "describe tenant"),
                    kubeconfig));
            System.out.println("tfctl describe tenant (README):\n" + describe);
            assertThat(describe).contains("SLAConformant");

            // 4. steady traffic, the policy change made for real, and why the denial rate moved
            AtomicBoolean traffic = new AtomicBoolean(true);
            AtomicLong denied = new AtomicLong();
            Thread load = new Thread(() -> {
                while (traffic.get()) {
                    for (String query : queries) {
                        TfctlRun r = run(local, examples, query);
                        if (r.exitCode() != 0 && r.err().contains("policy-denied")) {
                            denied.incrementAndGet();
                        }
                    }
                }
            }, "what-if-example-traffic");
            load.start();
            try {
                Thread.sleep(SCRAPE.multipliedBy(8).toMillis()); // the detector's six calm windows, and some spare
                Path policy = examples.resolve("70-policy-acme.yaml");
                String text = Files.readString(policy, StandardCharsets.UTF_8);
                assertThat(text).contains("allowedRegions: [us-east-1, eu-west-1]");
                Files.writeString(policy, text.replace("allowedRegions: [us-east-1, eu-west-1]",
                        "allowedRegions: [us-east-1]"));
                TfctlRun change = TfctlRun.of(withKubeconfig(readmeCommand(readme, examples,
                        "apply -f examples/what-if/70-policy-acme.yaml"), kubeconfig));
                assertThat(change.exitCode()).as(change.err()).isZero();
                await("initech refused").atMost(Duration.ofMinutes(2)).pollInterval(POLL).until(() -> denied.get() > 3);

                String[] why = withKubeconfig(readmeCommand(readme, examples, "why"), kubeconfig);
                TfctlRun explained = await("the shift is recorded").atMost(Duration.ofMinutes(2)).pollInterval(POLL)
                        .until(() -> TfctlRun.of(why), r -> r.exitCode() == 0);
                System.out.println("tfctl why (README):\n" + explained.out());
                String bundle = local.client().resources(Tenant.class).inNamespace(NAMESPACE).withName("acme").get()
                        .getStatus().getRevisions().getPolicyBundle();
                assertThat(bundle).as("the bundle the policy-tweak replayed is the one the same change deployed")
                        .isEqualTo(local.client().resources(WhatIfScenario.class).inNamespace(NAMESPACE)
                                .withName("us-only").get().getStatus().getManifest().getCandidate().getBundleDigest());
                assertThat(explained.out()).contains("1. effect:  denial-rate-percent rose from 0 to ",
                        "3. cause:   policy bundle ", "… -> " + bundle.substring(0, 19),
                        "residency: allowedRegions [\"us-east-1\",\"eu-west-1\"] -> [\"us-east-1\"]");
            } finally {
                traffic.set(false);
                load.join(Duration.ofMinutes(1).toMillis());
            }
        }
    }

    private static Path copyExample(Path into) throws Exception {
        Files.createDirectories(into.resolve("scenarios"));
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, into.resolve(EXAMPLE.relativize(file).toString()));
            }
        }
        return into;
    }

    private static ScenarioSummary summary(LocalMode local, String name) {
        return local.client().resources(WhatIfScenario.class).inNamespace(NAMESPACE).withName(name).get().getStatus()
                .getSummary();
    }

    private static Condition slaCondition(TenantStatus status) {
        return status.condition(SlaVerdict.CONDITION).orElse(null);
    }

    private static TenantStatus tenantStatus(LocalMode local, java.util.function.Predicate<TenantStatus> until) {
        return await("tenant status").atMost(Duration.ofMinutes(2)).pollInterval(POLL).ignoreExceptions()
                .until(() -> local.client().resources(Tenant.class).inNamespace(NAMESPACE).withName("acme").get()
                        .getStatus(), s -> s != null && until.test(s));
    }

    private static List<String> readmeCommands(String readme, String prefix) {
        Matcher m = Pattern.compile("^\\./tfctl (" + Pattern.quote(prefix) + "(?: .*)?)$", Pattern.MULTILINE).matcher(readme);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).replaceAll("\\s+", " ").strip());
        }
        return out;
    }

    /** The README command starting with {@code prefix}, its example paths pointing at the test's copy. */
    private static String[] readmeCommand(String readme, Path examples, String prefix) {
        List<String> found = readmeCommands(readme, prefix);
        assertThat(found).as("README command ./tfctl %s", prefix).isNotEmpty();
        return Stream.of(found.get(0).split(" "))
                .map(w -> w.replace("examples/what-if/", examples + "/"))
                .map(w -> w.endsWith(".html") ? examples.resolveSibling(w).toString() : w)
                .toArray(String[]::new);
    }

    private static String[] withKubeconfig(String[] args, String kubeconfig) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 2);
        out[args.length] = "--kubeconfig";
        out[args.length + 1] = kubeconfig;
        return out;
    }

    /** Runs a README query with the worker's real port for PORT and the test's copy of the example. */
    private static TfctlRun run(LocalMode local, Path examples, String command) {
        String endpoint = await("acme serving").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> local.workerEndpoints().getOrDefault(NAMESPACE + "/acme-psi", List.of()),
                        e -> !e.isEmpty()).get(0);
        List<String> args = new ArrayList<>();
        for (String word : command.split(" ")) {
            args.add(word.replace("http://127.0.0.1:PORT", endpoint).replace("examples/what-if/", examples + "/"));
        }
        return TfctlRun.of(args.toArray(String[]::new));
    }
}
