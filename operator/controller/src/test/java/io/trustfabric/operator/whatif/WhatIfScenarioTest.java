package io.trustfabric.operator.whatif;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.BudgetChange;
import io.trustfabric.api.v1alpha1.BudgetPeriod;
import io.trustfabric.api.v1alpha1.BudgetReplaySummary;
import io.trustfabric.api.v1alpha1.CalendarPeriod;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.PolicyTweak;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.PrivacyBudgetSpec;
import io.trustfabric.api.v1alpha1.QueryCost;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.ScenarioPhase;
import io.trustfabric.api.v1alpha1.ScenarioTemplate;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicySpec;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.api.v1alpha1.WhatIfScenarioSpec;
import io.trustfabric.api.v1alpha1.WhatIfScenarioStatus;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.FreePort;
import io.trustfabric.controlplane.OpaServer;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.operator.policy.DecisionTraffic;
import io.trustfabric.operator.policy.DecisionTraffic.Query;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What-if scenarios on the real API server with real OPAs: the worker's OPA (configured as the operator configures a
 * worker's sidecar) decides queries and uploads its decision log; the operator replays them against candidates.
 */
@RealKubernetes
class WhatIfScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DECISION = "trustfabric/decision/result";
    private static final Duration SLOW = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private TestCluster real;
    private RealCluster cluster;
    private OpaServer operatorOpa;
    private OpaServer sidecar;
    private String controlUrl;

    @BeforeEach
    void keep(TestCluster real) {
        this.real = real;
    }

    @AfterEach
    void stop() {
        if (sidecar != null) {
            sidecar.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (operatorOpa != null) {
            operatorOpa.close();
        }
    }

    @Test
    void aPolicyTweakThatDeniesAPartnerIsReplayedOnRecordedDecisionsAndAnEditRunsItAgain() throws Exception {
        startOperator(true);
        cluster.create(tenant("acme", inlineDataset("a\nb\n"), QueryMode.PSI_CA));
        TrustPolicy policy = new TrustPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName("acme-policy").build());
        TrustPolicySpec spec = new TrustPolicySpec();
        spec.setTenantRef("acme");
        spec.setRules(new ArrayList<>(List.of(residency(List.of("us-east-1", "eu-west-1")))));
        policy.setSpec(spec);
        cluster.create(policy);
        await().atMost(SLOW).until(() -> {
            TrustPolicy p = cluster.client().resources(TrustPolicy.class).inNamespace(cluster.namespace())
                    .withName("acme-policy").get();
            return p.getStatus() != null && p.getStatus().getRevision() != null && p.getStatus().getRevision() == 1;
        });
        startSidecar("acme");
        Map<Query, Integer> traffic = new LinkedHashMap<>();
        traffic.put(new Query("globex", "us-east-1", List.of(), 50), 3);    // allowed, stays allowed
        traffic.put(new Query("initech", "eu-west-1", List.of(), 50), 2);   // allowed, candidate denies
        traffic.put(new Query("hooli", "ap-south-1", List.of(), 50), 1);    // denied, candidate allows
        for (Map.Entry<Query, Integer> query : traffic.entrySet()) {
            for (int n = 0; n < query.getValue(); n++) {
                decide("acme", query.getKey());
            }
        }
        awaitRecorded("acme", 6);

        WhatIfScenario scenario = scenario("tweak", ScenarioTemplate.POLICY_TWEAK);
        scenario.getSpec().setPolicyTweak(tweak(residency(List.of("us-east-1", "ap-south-1"))));
        cluster.create(scenario);
        WhatIfScenarioStatus done = awaitStatus("tweak", s -> s.getPhase() == ScenarioPhase.Succeeded);
        assertThat(done.getObservedGeneration()).isEqualTo(1);
        assertThat(done.getProgress()).isEqualTo(100);
        assertThat(done.getReplayed()).isEqualTo(6);
        assertThat(done.getTotal()).isEqualTo(6);
        assertThat(Instant.parse(done.getStartedAt())).isBeforeOrEqualTo(Instant.parse(done.getFinishedAt()));
        Condition completed = done.condition(ScenarioConditions.COMPLETED).orElseThrow();
        assertThat(completed.getStatus()).isEqualTo(Condition.TRUE);
        assertThat(completed.getReason()).isEqualTo(ScenarioConditions.REASON_SUCCEEDED);
        var summary = done.getSummary();
        assertThat(summary.getReplayed()).isEqualTo(6);
        assertThat(summary.getChanged()).isEqualTo(3);
        assertThat(summary.getAllowedToDenied()).isEqualTo(2);
        assertThat(summary.getDeniedToAllowed()).isEqualTo(1);
        assertThat(summary.getByPartner()).containsOnly(Map.entry("initech", 2L), Map.entry("hooli", 1L));
        assertThat(summary.getByRule()).containsOnly(Map.entry("regions", 3L));
        assertThat(summary.getByReason()).containsOnly(Map.entry("region-not-allowed", 2L),
                Map.entry(PolicyDiff.ALLOWED, 1L));
        assertThat(summary.getHeadline()).isEqualTo("3 of 6 decisions change: 2 allowed today would be denied, 1 denied"
                + " today would be allowed");
        TrustPolicy current = cluster.client().resources(TrustPolicy.class).inNamespace(cluster.namespace())
                .withName("acme-policy").get();
        var manifest = done.getManifest();
        assertThat(manifest.getTenant()).isEqualTo(cluster.namespace() + "/acme");
        assertThat(manifest.getTemplate()).isEqualTo("policy-tweak");
        assertThat(manifest.getTrafficDigest()).startsWith("sha256:");
        assertThat(manifest.getBaseline().getBundleDigest()).isEqualTo(current.getStatus().getBundle().getDigest());
        assertThat(manifest.getBaseline().getPolicyRevision()).isEqualTo(1);
        assertThat(manifest.getCandidate().getBundleDigest()).startsWith("sha256:")
                .isNotEqualTo(manifest.getBaseline().getBundleDigest());
        assertThat(Instant.parse(manifest.getWindowEnd())).isAfter(Instant.parse(manifest.getWindowStart()));

        assertThat(done.getReportRef().getConfigMap()).isEqualTo("tweak-whatif");
        assertThat(done.getReportRef().getKey()).isEqualTo("report.html");
        ConfigMap report = cluster.configMap("tweak-whatif");
        WhatIfScenario owner = cluster.client().resources(WhatIfScenario.class).inNamespace(cluster.namespace())
                .withName("tweak").get();
        assertThat(report.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("WhatIfScenario");
            assertThat(o.getUid()).isEqualTo(owner.getMetadata().getUid());
        });
        String html = report.getData().get("report.html");
        assertThat(html).contains("<table id=\"diff\"><caption>Decisions whose outcome changes (oldest first) (3 rows)")
                .contains(summary.getHeadline());
        assertThat(JSON.readTree(report.getData().get("manifest.json")).path("trafficDigest").asText())
                .isEqualTo(manifest.getTrafficDigest());
        assertThat(cluster.events("tweak")).extracting(e -> e.getReason())
                .contains(ScenarioEvents.STARTED, ScenarioEvents.SUCCEEDED);

        HttpResponse<String> served = get("/whatif/" + cluster.namespace() + "/tweak/report.html");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(served.body()).isEqualTo(html);
        HttpResponse<String> missing = get("/whatif/" + cluster.namespace() + "/nope/report.html");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // an edit is a new generation: replayed again, with the new candidate
        cluster.updateSpec(WhatIfScenario.class, "tweak", s -> s.getSpec().setPolicyTweak(
                tweak(residency(List.of("us-east-1")))));
        WhatIfScenarioStatus again = awaitStatus("tweak", s -> s.getObservedGeneration() == 2
                && s.getPhase() == ScenarioPhase.Succeeded);
        assertThat(again.getSummary().getChanged()).isEqualTo(2);
        assertThat(again.getSummary().getByPartner()).containsOnly(Map.entry("initech", 2L));
        assertThat(again.getManifest().getTrafficDigest()).isEqualTo(manifest.getTrafficDigest());
        assertThat(cluster.configMap("tweak-whatif").getData().get("report.html")).contains("(2 rows)");
    }

    @Test
    void aBudgetChangeWithASmallerEpsilonRefusesQueriesAndInvalidScenariosFailWithAReason() throws Exception {
        startOperator(false);
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        cluster.create(budget("acme-budget", "acme", "10"));
        cluster.create(budget("other-budget", "other", "10"));
        List<ObjectNode> events = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            events.add(DecisionTraffic.defaultPolicyEvent(DecisionTraffic.input(cluster.namespace(), "acme",
                    new Query("globex", "us-east-1", List.of(), 50))));
        }
        DecisionTraffic.upload(controlUrl, cluster.namespace(), "acme", token("acme"), events);
        awaitRecorded("acme", 5);

        WhatIfScenario smaller = scenario("smaller", ScenarioTemplate.BUDGET_CHANGE);
        smaller.getSpec().setBudgetChange(change("acme-budget", "3"));
        cluster.create(smaller);
        WhatIfScenarioStatus done = awaitStatus("smaller", s -> s.getPhase() == ScenarioPhase.Succeeded);
        BudgetReplaySummary budget = done.getSummary().getBudget();
        assertThat(budget.getBudget()).isEqualTo("acme-budget");
        assertThat(budget.getCharges()).isEqualTo(5);
        assertThat(budget.getBaselineRefused()).isZero();
        assertThat(budget.getCandidateRefused()).as("1.0 a query, 3.0 a day").isEqualTo(2);
        assertThat(budget.getBaselineExhaustedAt()).isNull();
        assertThat(budget.getCandidateExhaustedAt()).isNotNull();
        assertThat(budget.getBaselineRemaining()).isEqualTo("5.0");
        assertThat(budget.getCandidateRemaining()).isEqualTo("0.0");
        assertThat(done.getSummary().getChanged()).isEqualTo(2);
        assertThat(done.getManifest().getBaseline().getEpsilonPerPeriod()).isEqualTo("10");
        assertThat(done.getManifest().getCandidate().getEpsilonPerPeriod()).isEqualTo("3");
        assertThat(done.getManifest().getCandidate().getCosts()).isEqualTo("psi-ca=1.0");
        assertThat(done.getManifest().getCandidate().getBudgetSpecDigest()).startsWith("sha256:")
                .isNotEqualTo(done.getManifest().getBaseline().getBudgetSpecDigest());
        assertThat(cluster.configMap("smaller-whatif").getData().get("report.html"))
                .contains("Charges whose outcome differs");

        WhatIfScenario noTenant = scenario("no-tenant", ScenarioTemplate.BUDGET_CHANGE);
        noTenant.getSpec().setTenantRef("nope");
        noTenant.getSpec().setBudgetChange(change("acme-budget", "3"));
        cluster.create(noTenant);
        assertFailed("no-tenant", ScenarioConditions.REASON_TENANT_NOT_FOUND);

        WhatIfScenario foreign = scenario("foreign", ScenarioTemplate.BUDGET_CHANGE);
        foreign.getSpec().setBudgetChange(change("other-budget", "3"));
        cluster.create(foreign);
        assertFailed("foreign", "BudgetOfOtherTenant");

        WhatIfScenario noOpa = scenario("no-opa", ScenarioTemplate.POLICY_TWEAK);
        noOpa.getSpec().setPolicyTweak(tweak(residency(List.of("us-east-1"))));
        cluster.create(noOpa);
        assertFailed("no-opa", "OpaUnavailable");

        assertThat(cluster.configMap("foreign-whatif")).as("nothing else touched").isNull();
        assertThat(cluster.client().resources(PrivacyBudget.class).inNamespace(cluster.namespace())
                .withName("other-budget").get().getSpec().getEpsilonPerPeriod()).isEqualTo("10");
    }

    @Test
    void afterARestartAFinishedGenerationIsNotRunAgainAndARunningOneIs() throws Exception {
        startOperator(false);
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        cluster.create(budget("acme-budget", "acme", "10"));
        DecisionTraffic.upload(controlUrl, cluster.namespace(), "acme", token("acme"), List.of(
                DecisionTraffic.defaultPolicyEvent(DecisionTraffic.input(cluster.namespace(), "acme",
                        new Query("globex", "us-east-1", List.of(), 50)))));
        awaitRecorded("acme", 1);
        WhatIfScenario done = scenario("done", ScenarioTemplate.BUDGET_CHANGE);
        done.getSpec().setBudgetChange(change("acme-budget", "3"));
        cluster.create(done);
        WhatIfScenarioStatus before = awaitStatus("done", s -> s.getPhase() == ScenarioPhase.Succeeded);

        cluster.stopOperator();
        // what a replay interrupted by the restart leaves: Running for the current generation
        WhatIfScenario interrupted = scenario("interrupted", ScenarioTemplate.BUDGET_CHANGE);
        interrupted.getSpec().setBudgetChange(change("acme-budget", "3"));
        interrupted = cluster.create(interrupted);
        WhatIfScenarioStatus running = new WhatIfScenarioStatus();
        running.setPhase(ScenarioPhase.Running);
        running.setObservedGeneration(interrupted.getMetadata().getGeneration());
        running.setStartedAt("2026-01-01T00:00:00Z");
        running.setProgress(40);
        interrupted.setStatus(running);
        cluster.client().resources(WhatIfScenario.class).inNamespace(cluster.namespace()).resource(interrupted)
                .updateStatus();
        cluster.startOperator();

        // run again from the start: the new process's decision log is empty, so it ends NoRecordedTraffic
        WhatIfScenarioStatus rerun = awaitStatus("interrupted", s -> s.getPhase() == ScenarioPhase.Failed);
        assertThat(rerun.condition(ScenarioConditions.COMPLETED).orElseThrow().getReason())
                .isEqualTo("NoRecordedTraffic");
        assertThat(rerun.getStartedAt()).isNotEqualTo("2026-01-01T00:00:00Z");
        assertThat(cluster.events("interrupted")).anySatisfy(e -> assertThat(e.getReason())
                .isEqualTo(ScenarioEvents.STARTED));
        WhatIfScenarioStatus after = cluster.client().resources(WhatIfScenario.class).inNamespace(cluster.namespace())
                .withName("done").get().getStatus();
        assertThat(after.getPhase()).isEqualTo(ScenarioPhase.Succeeded);
        assertThat(after.getStartedAt()).isEqualTo(before.getStartedAt());
        assertThat(after.getFinishedAt()).isEqualTo(before.getFinishedAt());
        assertThat(after.getSummary().getHeadline()).isEqualTo(before.getSummary().getHeadline());
        assertThat(cluster.events("done")).filteredOn(e -> e.getReason().equals(ScenarioEvents.STARTED))
                .singleElement().satisfies(e -> assertThat(e.getCount() == null ? 1 : e.getCount()).isEqualTo(1));
    }

    // ---------------------------------------------------------------------------------------------------------

    private void assertFailed(String name, String reason) {
        WhatIfScenarioStatus failed = awaitStatus(name, s -> s.getPhase() == ScenarioPhase.Failed);
        Condition completed = failed.condition(ScenarioConditions.COMPLETED).orElseThrow();
        assertThat(completed.getStatus()).isEqualTo(Condition.TRUE);
        assertThat(completed.getReason()).isEqualTo(reason);
        assertThat(completed.getMessage()).isNotBlank();
        assertThat(failed.getFinishedAt()).isNotNull();
        await().atMost(SLOW).untilAsserted(() -> assertThat(cluster.events(name)).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo(ScenarioEvents.FAILED);
            assertThat(e.getMessage()).startsWith(reason + ": ");
        }));
    }

    private static PolicyRule residency(List<String> regions) {
        PolicyRule rule = new PolicyRule();
        rule.setName("regions");
        rule.setMacro("residency@v1");
        Map<String, JsonNode> args = new LinkedHashMap<>();
        args.put("allowedRegions", JSON.valueToTree(regions));
        rule.setArguments(args);
        rule.setEnforcementAction(EnforcementAction.enforce);
        return rule;
    }

    private static PolicyTweak tweak(PolicyRule... rules) {
        PolicyTweak tweak = new PolicyTweak();
        tweak.setRules(new ArrayList<>(List.of(rules)));
        return tweak;
    }

    private static BudgetChange change(String budget, String epsilon) {
        BudgetChange change = new BudgetChange();
        change.setBudgetRef(budget);
        change.setEpsilonPerPeriod(epsilon);
        return change;
    }

    private static PrivacyBudget budget(String name, String tenant, String epsilon) {
        PrivacyBudget budget = new PrivacyBudget();
        budget.setMetadata(new ObjectMetaBuilder().withName(name).build());
        PrivacyBudgetSpec spec = new PrivacyBudgetSpec();
        spec.setTenantRef(tenant);
        spec.setEpsilonPerPeriod(epsilon);
        spec.setCost(new QueryCost("1.0", null));
        BudgetPeriod period = new BudgetPeriod();
        period.setCalendar(CalendarPeriod.Daily);
        spec.setPeriod(period);
        budget.setSpec(spec);
        return budget;
    }

    private static WhatIfScenario scenario(String name, ScenarioTemplate template) {
        WhatIfScenario scenario = new WhatIfScenario();
        scenario.setMetadata(new ObjectMetaBuilder().withName(name).build());
        WhatIfScenarioSpec spec = new WhatIfScenarioSpec();
        spec.setTenantRef("acme");
        spec.setTemplate(template);
        spec.setWindow("1h");
        scenario.setSpec(spec);
        return scenario;
    }

    private WhatIfScenarioStatus awaitStatus(String name, Predicate<WhatIfScenarioStatus> done) {
        try {
            return await().atMost(SLOW).until(() -> {
                WhatIfScenario s = cluster.client().resources(WhatIfScenario.class).inNamespace(cluster.namespace())
                        .withName(name).get();
                return s == null ? null : s.getStatus();
            }, s -> s != null && s.getObservedGeneration() != null && done.test(s));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            WhatIfScenario s = cluster.client().resources(WhatIfScenario.class).inNamespace(cluster.namespace())
                    .withName(name).get();
            throw new AssertionError("WhatIfScenario not as expected: " + cluster.client().getKubernetesSerialization()
                    .asYaml(s), e);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + cluster.operator().httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void startOperator(boolean withOpa) {
        int port = FreePort.pick();
        OperatorSettings settings = OperatorSettings.local().withControl(port, "http://127.0.0.1:" + port);
        if (withOpa) {
            operatorOpa = OpaServer.withBundles(ControlPlaneBinaries.find().orElseThrow(), dir.resolve("operator-opa"),
                    List.of());
            settings = settings.withOpaUrl(operatorOpa.url());
        }
        cluster = RealCluster.start(real, settings);
        controlUrl = "http://127.0.0.1:" + port;
        await().atMost(SLOW).until(() -> {
            var macro = cluster.client().resources(io.trustfabric.api.v1alpha1.PolicyMacro.class)
                    .withName("residency-v1").get();
            return macro != null && macro.getStatus() != null && Boolean.TRUE.equals(macro.getStatus().getAccepted());
        });
    }

    /** An OPA configured as the operator configures the tenant's sidecar. */
    private void startSidecar(String tenant) throws Exception {
        ConfigMap config = await().atMost(SLOW).until(() -> cluster.configMap(tenant + "-psi-config"),
                c -> c != null && c.getData().containsKey("opa.yaml"));
        Path token = dir.resolve("token");
        Files.writeString(token, token(tenant));
        Path file = dir.resolve("opa.yaml");
        Files.writeString(file, config.getData().get("opa.yaml")
                .replace("/var/run/trustfabric/control/token", token.toString()));
        sidecar = OpaServer.withConfig(ControlPlaneBinaries.find().orElseThrow(), dir.resolve("sidecar"), file, List.of());
        // started after revision 1 was published, so the bundles it activates first are that revision's
        sidecar.awaitHealthy(SLOW);
    }

    private void decide(String tenant, Query query) throws Exception {
        JsonNode result = JSON.readTree(sidecar.decide(DECISION, DecisionTraffic.input(cluster.namespace(), tenant,
                query).toString())).get("result");
        assertThat(result.get("revision").asLong()).isEqualTo(1);
    }

    private void awaitRecorded(String tenant, int n) {
        await().atMost(SLOW).until(() -> cluster.operator().decisions().recent(cluster.namespace(), tenant,
                Instant.EPOCH, 100_000).size() >= n);
    }

    private String token(String tenant) {
        Secret secret = await().atMost(SLOW).until(() -> cluster.secret(tenant + "-psi-worker-token"), s -> s != null);
        return new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
    }
}
