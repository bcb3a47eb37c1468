package io.trustfabric.cli.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.BudgetChange;
import io.trustfabric.api.v1alpha1.ReportRef;
import io.trustfabric.api.v1alpha1.ScenarioManifest;
import io.trustfabric.api.v1alpha1.ScenarioPhase;
import io.trustfabric.api.v1alpha1.ScenarioSide;
import io.trustfabric.api.v1alpha1.ScenarioSummary;
import io.trustfabric.api.v1alpha1.ScenarioTemplate;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.api.v1alpha1.WhatIfScenarioSpec;
import io.trustfabric.api.v1alpha1.WhatIfScenarioStatus;
import io.trustfabric.cli.TfctlRun;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tfctl whatif report} and {@code tfctl whatif get} against the real API server: a scenario with the status and
 * report ConfigMap the operator writes (written here by hand; the operator's WhatIfScenarioTest shows it writes them).
 */
@RealKubernetes
class WhatIfCommandsTest {

    private static final String REPORT = "<!DOCTYPE html>\n<html><body><table id=\"diff\"><caption>Ünïcode – diff"
            + "</caption></table></body></html>\n";

    @TempDir
    Path dir;

    private KubernetesClient admin;
    private String namespace;
    private String kubeconfig;

    @BeforeEach
    void namespace(TestCluster real) {
        admin = real.admin();
        namespace = real.createNamespace("whatif-cli");
        kubeconfig = real.kubeconfig().toString();
    }

    @Test
    void reportWritesTheReportConfigMapsBytesToAFileOrStandardOutput() throws Exception {
        WhatIfScenario scenario = succeeded(create("halve"));
        report(scenario, "halve-whatif");

        Path file = dir.resolve("report.html");
        TfctlRun run = TfctlRun.of("whatif", "report", "halve", "-n", namespace, "--kubeconfig", kubeconfig,
                "-o", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(REPORT);
        assertThat(run.err()).contains("wrote the report of WhatIfScenario " + namespace + "/halve to " + file);

        TfctlRun stdout = TfctlRun.of("whatif", "report", "halve", "-n", namespace, "--kubeconfig", kubeconfig,
                "-o", "-");
        assertThat(stdout.exitCode()).as(stdout.err()).isZero();
        assertThat(stdout.out()).isEqualTo(REPORT);

        TfctlRun get = TfctlRun.of("whatif", "get", "halve", "-n", namespace, "--kubeconfig", kubeconfig);
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).contains("WhatIfScenario " + namespace + "/halve (tenant acme, template budget-change,"
                        + " window 24h)")
                .contains("phase:     Succeeded\n")
                .contains("progress:  100 % (5 of 5)\n")
                .contains("headline:  2 of 5 charges change")
                .contains("completed: True Succeeded: done\n")
                .contains("  traffic: sha256:traffic\n")
                .contains("  baseline: epsilon 10, costs psi-ca=1.0\n")
                .contains("  candidate: epsilon 3, costs psi-ca=1.0\n")
                .contains("report:    ConfigMap halve-whatif, key report.html");
    }

    @Test
    void aScenarioWithoutReportOrAReportOfAnotherObjectIsAnErrorWithExitCode1() {
        create("queued");
        TfctlRun pending = TfctlRun.of("whatif", "report", "queued", "-n", namespace, "--kubeconfig", kubeconfig);
        assertThat(pending.exitCode()).isEqualTo(1);
        assertThat(pending.err()).contains("WhatIfScenario " + namespace + "/queued has no report yet");
        TfctlRun get = TfctlRun.of("whatif", "get", "queued", "-n", namespace, "--kubeconfig", kubeconfig);
        assertThat(get.exitCode()).isZero();
        assertThat(get.out()).contains("phase:     (none yet: waiting for the operator)");

        WhatIfScenario other = succeeded(create("other"));
        admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("other-whatif").endMetadata().withData(Map.of("report.html", REPORT)).build()).create();
        TfctlRun foreign = TfctlRun.of("whatif", "report", other.getMetadata().getName(), "-n", namespace,
                "--kubeconfig", kubeconfig);
        assertThat(foreign.exitCode()).isEqualTo(1);
        assertThat(foreign.err()).contains("ConfigMap other-whatif is not owned by WhatIfScenario");

        TfctlRun missing = TfctlRun.of("whatif", "report", "nope", "-n", namespace, "--kubeconfig", kubeconfig);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("whatifscenarios.trustfabric.io \"nope\" not found");
    }

    private WhatIfScenario create(String name) {
        WhatIfScenario scenario = new WhatIfScenario();
        scenario.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        WhatIfScenarioSpec spec = new WhatIfScenarioSpec();
        spec.setTenantRef("acme");
        spec.setTemplate(ScenarioTemplate.BUDGET_CHANGE);
        BudgetChange change = new BudgetChange();
        change.setBudgetRef("acme-budget");
        change.setEpsilonPerPeriod("3");
        spec.setBudgetChange(change);
        scenario.setSpec(spec);
        return admin.resources(WhatIfScenario.class).inNamespace(namespace).resource(scenario).create();
    }

    private WhatIfScenario succeeded(WhatIfScenario scenario) {
        WhatIfScenarioStatus status = new WhatIfScenarioStatus();
        status.setPhase(ScenarioPhase.Succeeded);
        status.setObservedGeneration(scenario.getMetadata().getGeneration());
        status.setProgress(100);
        status.setReplayed(5L);
        status.setTotal(5L);
        ScenarioSummary summary = new ScenarioSummary();
        summary.setHeadline("2 of 5 charges change");
        status.setSummary(summary);
        ScenarioManifest manifest = new ScenarioManifest();
        manifest.setWindowStart("2026-03-01T00:00:00Z");
        manifest.setWindowEnd("2026-03-02T00:00:00Z");
        manifest.setTrafficDigest("sha256:traffic");
        manifest.setBaseline(side("10"));
        manifest.setCandidate(side("3"));
        status.setManifest(manifest);
        status.setReportRef(new ReportRef(scenario.getMetadata().getName() + "-whatif", "report.html"));
        Condition completed = new Condition();
        completed.setType("Completed");
        completed.setStatus(Condition.TRUE);
        completed.setReason("Succeeded");
        completed.setMessage("done");
        completed.setLastTransitionTime("2026-03-02T00:00:01Z");
        status.getConditions().add(completed);
        scenario.setStatus(status);
        return admin.resources(WhatIfScenario.class).inNamespace(namespace).resource(scenario).updateStatus();
    }

    private static ScenarioSide side(String epsilon) {
        ScenarioSide side = new ScenarioSide();
        side.setEpsilonPerPeriod(epsilon);
        side.setCosts("psi-ca=1.0");
        return side;
    }

    private void report(WhatIfScenario scenario, String name) {
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(name).withOwnerReferences(
                        new OwnerReferenceBuilder().withApiVersion(scenario.getApiVersion()).withKind(scenario.getKind())
                                .withName(scenario.getMetadata().getName()).withUid(scenario.getMetadata().getUid())
                                .build()).endMetadata()
                .withData(Map.of("report.html", REPORT)).build();
        admin.configMaps().inNamespace(namespace).resource(map).create();
    }
}
