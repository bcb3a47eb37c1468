package io.trustfabric.operator.policy;

import static io.trustfabric.operator.OperatorCluster.await;
import static io.trustfabric.operator.OperatorCluster.inlineDataset;
import static io.trustfabric.operator.OperatorCluster.tenant;
import static io.trustfabric.operator.policy.TrustPolicyEnforcementTest.policy;
import static io.trustfabric.operator.policy.TrustPolicyEnforcementTest.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.trustfabric.api.v1alpha1.DryrunTally;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.PolicyRevision;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicyStatus;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.FreePort;
import io.trustfabric.controlplane.OpaServer;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.operator.policy.DecisionTraffic.Query;
import io.trustfabric.operator.policy.timeline.PolicyHistory;
import io.trustfabric.operator.policy.timeline.PolicyMetrics;
import io.trustfabric.operator.policy.timeline.PolicyRevisions;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every revision explained by its impact (issue 12), on the real API server with real OPAs: the worker's OPA (an OPA
 * configured exactly as the operator configures a worker's sidecar) decides queries and uploads its decision log to
 * the operator; the operator's own OPA replays those decisions against each new revision.
 */
@RealKubernetes
class PolicyTimelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DECISION = "trustfabric/decision/result";
    private static final Duration SLOW = Duration.ofSeconds(60);

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
    void eachRevisionIsExplainedByItsImpactOnRecordedDecisionsPerPartnerAndARevertIsRecognised() throws Exception {
        startOperator(true);
        cluster.create(tenant("acme", inlineDataset("a\nb\n"), QueryMode.PSI_CA));
        List<PolicyRule> first = List.of(
                rule("us-only", "residency@v1", Map.of("allowedRegions", List.of("us-east-1")), EnforcementAction.enforce),
                rule("no-probing", "set-size-cap@v1", Map.of("minSetSize", 10, "maxSetSize", 5000),
                        EnforcementAction.enforce));
        cluster.create(policy("acme-policy", "acme", first.toArray(PolicyRule[]::new)));
        TrustPolicyStatus one = awaitPolicy(s -> revisionDone(s, 1));
        PolicyRevision r1 = one.getTimeline().get(0);
        assertThat(r1.getImpact()).as("nothing recorded before the first revision")
                .startsWith("no decisions recorded for tenant acme in the last 24h").endsWith("; impact unknown");
        assertThat(r1.getReplay().getReplayed()).isZero();
        assertThat(r1.getDigest()).isEqualTo(one.getBundle().getDigest());
        assertThat(r1.getActions()).as("a map: the API server keeps its keys sorted").containsOnly(
                Map.entry("us-only", EnforcementAction.enforce), Map.entry("no-probing", EnforcementAction.enforce));
        assertThat(r1.getMinimization()).containsExactly(
                "- set size 1..any -> 10..5,000 (queries under 10 elements refused; queries over 5,000 elements refused)");
        assertThat(r1.getBy()).as("the field manager of the admin client's create").isNotBlank();
        assertThat(one.getHistory()).isEqualTo("acme-policy-policy-history");

        // ten queries decided by the worker's OPA under revision 1 and uploaded in its decision log
        startSidecar("acme", 1);
        List<String> signed = List.of("signed-dpa");
        Map<Query, Boolean> traffic = new LinkedHashMap<>();
        traffic.put(new Query("globex", "us-east-1", signed, 50), true);     // x4: allowed, still allowed
        traffic.put(new Query("initech", "eu-west-1", signed, 50), false);   // x3: denied, then allowed
        traffic.put(new Query("hooli", "us-east-1", List.of(), 5), false);   // x2: denied, still denied
        traffic.put(new Query("hooli", "us-east-1", List.of(), 50), true);   // x1: allowed, then denied
        int[] times = {4, 3, 2, 1};
        int i = 0;
        for (Map.Entry<Query, Boolean> query : traffic.entrySet()) {
            for (int n = 0; n < times[i]; n++) {
                assertThat(decide("acme", query.getKey()).get("allow").asBoolean()).isEqualTo(query.getValue());
            }
            i++;
        }
        awaitRecorded("acme", 10);

        // revision 2, changed by CI: eu-west-1 allowed, and every partner needs the signed DPA
        cluster.updateSpec(TrustPolicy.class, "acme-policy", p -> {
            p.getMetadata().setAnnotations(new HashMap<>(Map.of(PolicyRevisions.CHANGED_BY_ANNOTATION,
                    "ci-pipeline-4711")));
            p.getSpec().getRules().get(0).getArguments().put("allowedRegions",
                    JSON.valueToTree(List.of("us-east-1", "eu-west-1")));
            p.getSpec().getRules().add(rule("dpa", "contract-flag@v1", Map.of("flag", "signed-dpa"),
                    EnforcementAction.enforce));
        });
        TrustPolicyStatus two = awaitPolicy(s -> revisionDone(s, 2));
        PolicyRevision r2 = two.getTimeline().get(0);
        assertThat(r2.getRevision()).isEqualTo(2);
        assertThat(r2.getBy()).isEqualTo("ci-pipeline-4711");
        assertThat(r2.getDigest()).isEqualTo(two.getBundle().getDigest()).isNotEqualTo(r1.getDigest());
        assertThat(r2.getActions()).containsEntry("dpa", EnforcementAction.enforce).hasSize(3);
        assertThat(r2.getChanges()).containsExactly(
                "us-only: allowedRegions [\"us-east-1\"] -> [\"us-east-1\",\"eu-west-1\"]",
                "+ dpa (contract-flag@v1, enforce)");
        assertThat(r2.getMinimization()).containsExactly(
                "- mode psi-ca without contract flag signed-dpa (fewer partners can use it)",
                "- mode psi without contract flag signed-dpa (fewer partners can use it)");
        assertThat(r2.getReplay().getSkipped()).isNull();
        assertThat(r2.getReplay().getReplayed()).isEqualTo(10);
        assertThat(r2.getReplay().getWindow()).isEqualTo("24h");
        assertThat(r2.getReplay().getNewlyDenied()).isEqualTo(1);
        assertThat(r2.getReplay().getNewlyAllowed()).isEqualTo(3);
        assertThat(r2.getReplay().getPartners()).containsExactly("initech=3", "hooli=1");
        assertThat(r2.getImpact()).isEqualTo("would have denied 1 of 10 recent queries (hooli: 1); allows 3 previously"
                + " denied (initech: 3); partners affected: initech, hooli");
        assertThat(r2.getRevertOf()).isNull();
        assertThat(two.getTimeline()).extracting(PolicyRevision::getRevision).containsExactly(2L, 1L);

        List<Event> events = cluster.events("acme-policy");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo(PolicyEvents.EVENT_COMPILED);
            assertThat(e.getMessage()).startsWith("Revision 2 (" + r2.getDigest() + ") compiled and published: ");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo(PolicyEvents.EVENT_IMPACT);
            assertThat(e.getMessage()).isEqualTo("Revision 2 (" + r2.getDigest() + ") impact: " + r2.getImpact());
        });

        // revision 3 puts the rules of revision 1 back: a revert, replayed like any revision
        cluster.updateSpec(TrustPolicy.class, "acme-policy", p -> p.getSpec().setRules(new ArrayList<>(List.of(
                rule("us-only", "residency@v1", Map.of("allowedRegions", List.of("us-east-1")),
                        EnforcementAction.enforce),
                rule("no-probing", "set-size-cap@v1", Map.of("minSetSize", 10, "maxSetSize", 5000),
                        EnforcementAction.enforce)))));
        TrustPolicyStatus three = awaitPolicy(s -> revisionDone(s, 3));
        PolicyRevision r3 = three.getTimeline().get(0);
        assertThat(r3.getRevertOf()).isEqualTo(1);
        assertThat(r3.getDigest()).as("the bundle carries its revision").isNotEqualTo(r1.getDigest());
        assertThat(r3.getReplay().getNewlyDenied()).as("the recorded outcomes were revision 1's").isZero();
        assertThat(r3.getReplay().getNewlyAllowed()).isZero();
        assertThat(r3.getImpact()).isEqualTo("would have denied 0 of 10 recent queries; allows 0 previously denied;"
                + " partners affected: none");
        assertThat(cluster.events("acme-policy")).anySatisfy(e -> assertThat(e.getMessage())
                .startsWith("Revision 3 (" + r3.getDigest() + ") compiled and published (reverts revision 1): "));

        ConfigMap history = cluster.configMap("acme-policy-policy-history");
        TrustPolicy owner = cluster.client().resources(TrustPolicy.class).inNamespace(cluster.namespace())
                .withName("acme-policy").get();
        assertThat(history.getMetadata().getLabels()).containsEntry(PolicyHistory.LABEL, "acme-policy");
        assertThat(history.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("TrustPolicy");
            assertThat(o.getUid()).isEqualTo(owner.getMetadata().getUid());
        });
        assertThat(history.getData()).containsOnlyKeys("revision-000001.json", "revision-000002.json",
                "revision-000003.json");
        List<PolicyHistory.Entry> entries = PolicyHistory.entries(history);
        assertThat(entries).extracting(e -> e.revision().getRevision()).containsExactly(3L, 2L, 1L);
        assertThat(entries.get(1).revision().getImpact()).as("the history has the replayed impact")
                .isEqualTo(r2.getImpact());
        assertThat(entries.get(0).rulesDigest()).isEqualTo(entries.get(2).rulesDigest());
        assertThat(entries.get(0).rules()).hasSize(2);

        String metrics = scrape();
        assertThat(metrics).contains(PolicyMetrics.REVISIONS + "{namespace=\"" + cluster.namespace()
                + "\",tenant=\"acme\"} 3.0");
        assertThat(metrics).contains(PolicyMetrics.REVERTS + "{namespace=\"" + cluster.namespace()
                + "\",tenant=\"acme\"} 1.0");
        assertThat(metrics).contains(PolicyMetrics.RULES + "{origin=\"built-in\"} 2.0")
                .contains(PolicyMetrics.RULES + "{origin=\"custom\"} 0.0");

        cluster.client().resources(TrustPolicy.class).inNamespace(cluster.namespace()).withName("acme-policy").delete();
        await().atMost(SLOW).until(() -> cluster.configMap("acme-policy-policy-history") == null);
    }

    @Test
    void aRuleInDryrunIsTalliedFromRecordedDecisionsAndItsPromotionIsMeasured() throws Exception {
        startOperator(true);
        cluster.create(tenant("acme", inlineDataset("a\nb\n"), QueryMode.PSI_CA));
        cluster.create(policy("acme-policy", "acme",
                rule("us-only", "residency@v1", Map.of("allowedRegions", List.of("us-east-1")), EnforcementAction.dryrun),
                rule("no-probing", "set-size-cap@v1", Map.of("minSetSize", 10, "maxSetSize", 5000),
                        EnforcementAction.enforce)));
        TrustPolicyStatus one = awaitPolicy(s -> revisionDone(s, 1));
        assertThat(one.getTimeline().get(0).getActions()).containsEntry("us-only", EnforcementAction.dryrun);
        assertThat(one.getDryrun()).singleElement().satisfies(t -> {
            assertThat(t.getRule()).isEqualTo("us-only");
            assertThat(t.getSince()).isEqualTo(Instant.parse(one.getTimeline().get(0).getAt()).toString());
            assertThat(t.getEvaluated()).isZero();
        });

        startSidecar("acme", 1);
        for (int n = 0; n < 2; n++) {
            JsonNode eu = decide("acme", new Query("initech", "eu-west-1", List.of(), 50));
            assertThat(eu.get("allow").asBoolean()).as("dryrun only records").isTrue();
            assertThat(eu.get("dryrun")).singleElement().satisfies(d -> assertThat(d.get("rule").asText())
                    .isEqualTo("us-only"));
        }
        for (int n = 0; n < 3; n++) {
            assertThat(decide("acme", new Query("globex", "us-east-1", List.of(), 50)).get("allow").asBoolean()).isTrue();
        }
        assertThat(decide("acme", new Query("globex", "us-east-1", List.of(), 5)).get("allow").asBoolean()).isFalse();
        awaitRecorded("acme", 6);

        // any reconcile recounts (the operator also recounts every 30 s while a rule is in dryrun): an edit
        // that compiles to the same rules (a default made explicit) keeps the revision
        cluster.updateSpec(TrustPolicy.class, "acme-policy", p -> p.getSpec().getRules().get(0).getArguments()
                .put("dataRegion", JSON.valueToTree("")));
        TrustPolicyStatus counted = awaitPolicy(s -> !s.getDryrun().isEmpty() && s.getDryrun().get(0).getEvaluated() == 6);
        assertThat(counted.getRevision()).isEqualTo(1);
        DryrunTally tally = counted.getDryrun().get(0);
        assertThat(tally.getWouldDeny()).isEqualTo(2);
        assertThat(tally.getPartners()).containsExactly("initech=2");

        cluster.updateSpec(TrustPolicy.class, "acme-policy", p -> p.getSpec().getRules().get(0)
                .setEnforcementAction(EnforcementAction.enforce));
        TrustPolicyStatus two = awaitPolicy(s -> revisionDone(s, 2));
        assertThat(two.getDryrun()).isEmpty();
        PolicyRevision r2 = two.getTimeline().get(0);
        assertThat(r2.getChanges()).containsExactly("us-only: enforcementAction dryrun -> enforce");
        assertThat(r2.getImpact()).isEqualTo("would have denied 2 of 6 recent queries (initech: 2); allows 0"
                + " previously denied; partners affected: initech");
        assertThat(scrape()).contains(PolicyMetrics.DRYRUN_TO_ENFORCE + "_count 1");
    }

    @Test
    void aReplayThatCannotRunIsReportedAndNeverHoldsBackTheBundle() throws Exception {
        int dead = FreePort.pick();
        int port = FreePort.pick();
        cluster = RealCluster.start(real, OperatorSettings.local().withControl(port, "http://127.0.0.1:" + port)
                .withOpaUrl("http://127.0.0.1:" + dead));
        controlUrl = "http://127.0.0.1:" + port;
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        // decisions of the default policy (no TrustPolicy yet), uploaded as a worker's OPA uploads them
        List<ObjectNode> events = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            events.add(DecisionTraffic.defaultPolicyEvent(DecisionTraffic.input(cluster.namespace(), "acme",
                    new Query("globex", "us-east-1", List.of(), 50))));
        }
        DecisionTraffic.upload(controlUrl, cluster.namespace(), "acme", token("acme"), events);
        awaitRecorded("acme", 5);

        cluster.create(policy("acme-policy", "acme", rule("eu-only", "residency@v1",
                Map.of("allowedRegions", List.of("eu-west-1")), EnforcementAction.enforce)));
        TrustPolicyStatus one = awaitPolicy(s -> revisionDone(s, 1));
        assertThat(one.condition(TrustPolicyConditions.READY).orElseThrow().getReason())
                .isEqualTo(TrustPolicyConditions.REASON_PUBLISHED);
        PolicyRevision r1 = one.getTimeline().get(0);
        assertThat(r1.getReplay().getSkipped()).startsWith("OPA at http://127.0.0.1:" + dead + "/ failed: ");
        assertThat(r1.getImpact()).startsWith("impact unknown: recorded decisions were not replayed (OPA at ");
        assertThat(cluster.operator().bundles()).isNotNull();
    }

    @Test
    void withoutAnOperatorOpaTheImpactSaysWhy() throws Exception {
        startOperator(false);
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        DecisionTraffic.upload(controlUrl, cluster.namespace(), "acme", token("acme"), List.of(
                DecisionTraffic.defaultPolicyEvent(DecisionTraffic.input(cluster.namespace(), "acme",
                        new Query("globex", "us-east-1", List.of(), 50)))));
        awaitRecorded("acme", 1);
        cluster.create(policy("acme-policy", "acme", rule("cap", "set-size-cap@v1", Map.of("maxSetSize", 10),
                EnforcementAction.enforce)));
        PolicyRevision r1 = awaitPolicy(s -> revisionDone(s, 1)).getTimeline().get(0);
        assertThat(r1.getReplay().getSkipped()).isEqualTo("the operator has no OPA of its own: TF_OPA_URL is not set");
        assertThat(r1.getImpact()).isEqualTo("impact unknown: recorded decisions were not replayed (the operator has"
                + " no OPA of its own: TF_OPA_URL is not set)");
    }

    @Test
    void theFirstRevisionIsReplayedOnTheDefaultPolicysDecisionsAtScale() throws Exception {
        startOperator(true);
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        String token = token("acme");
        int total = PolicyRevisions.LIMIT;
        for (int sent = 0; sent < total; sent += 2000) {
            List<ObjectNode> events = new ArrayList<>();
            for (int n = sent; n < sent + 2000; n++) {
                String partner = n % 10 == 0 ? "initech" : "globex";
                events.add(DecisionTraffic.defaultPolicyEvent(DecisionTraffic.input(cluster.namespace(), "acme",
                        new Query(partner, partner.equals("initech") ? "eu-west-1" : "us-east-1", List.of(), 50))));
            }
            DecisionTraffic.upload(controlUrl, cluster.namespace(), "acme", token, events);
        }
        awaitRecorded("acme", total);
        long start = System.nanoTime();
        cluster.create(policy("acme-policy", "acme", rule("us-only", "residency@v1",
                Map.of("allowedRegions", List.of("us-east-1")), EnforcementAction.enforce)));
        PolicyRevision r1 = awaitPolicy(s -> revisionDone(s, 1)).getTimeline().get(0);
        System.out.printf("replay of %d recorded decisions: revision 1 with its impact in status after %d ms (%s)%n",
                total, (System.nanoTime() - start) / 1_000_000, r1.getImpact());
        assertThat(r1.getReplay().getSkipped()).isNull();
        if (r1.getReplay().getReplayed() == total) {
            assertThat(r1.getReplay().getNewlyDenied()).isEqualTo(total / 10);
            assertThat(r1.getReplay().getPartners()).containsExactly("initech=" + total / 10);
            assertThat(r1.getImpact()).isEqualTo("would have denied 1,000 of 10,000 recent queries (initech: 1,000);"
                    + " allows 0 previously denied; partners affected: initech");
        } else {
            assertThat(r1.getImpact()).as("a replay cut by its deadline says so")
                    .contains("older recorded decisions not replayed (the replay stopped after");
        }
    }

    @Test
    void replayModulesAnEarlierOperatorLeftInItsOpaAreRemovedAtStart() throws Exception {
        operatorOpa = OpaServer.withBundles(ControlPlaneBinaries.find().orElseThrow(), dir.resolve("operator-opa"),
                List.of());
        var api = new io.trustfabric.operator.macro.OpaPolicyApi(URI.create(operatorOpa.url()), Duration.ofSeconds(5));
        String residency = io.trustfabric.operator.macro.BuiltInMacros.shipped().objects().stream()
                .filter(m -> m.getMetadata().getName().equals("residency-v1")).findFirst().orElseThrow()
                .getSpec().getRego();
        assertThat(api.putPolicy("trustfabric-replay/trustfabric/macros/residency/v1/macro.rego", residency)).isEmpty();
        int port = FreePort.pick();
        cluster = RealCluster.start(real, OperatorSettings.local().withControl(port, "http://127.0.0.1:" + port)
                .withOpaUrl(operatorOpa.url()));
        HttpResponse<String> policies = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(operatorOpa.url() + "/v1/policies")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(policies.body()).path("result").findValuesAsText("id"))
                .noneMatch(id -> id.startsWith("trustfabric-replay/"));
    }

    // ---------------------------------------------------------------------------------------------------------

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
                    .withName("contract-flag-v1").get();
            return macro != null && macro.getStatus() != null && Boolean.TRUE.equals(macro.getStatus().getAccepted());
        });
    }

    /** An OPA configured as the operator configures the tenant's sidecar; returns once it decides revision n. */
    private void startSidecar(String tenant, long revision) throws Exception {
        ConfigMap config = await().atMost(SLOW).until(() -> cluster.configMap(tenant + "-psi-config"),
                c -> c != null && c.getData().containsKey("opa.yaml"));
        Path token = dir.resolve("token");
        Files.writeString(token, token(tenant));
        Path file = dir.resolve("opa.yaml");
        Files.writeString(file, config.getData().get("opa.yaml")
                .replace("/var/run/trustfabric/control/token", token.toString()));
        sidecar = OpaServer.withConfig(ControlPlaneBinaries.find().orElseThrow(), dir.resolve("sidecar"), file, List.of());
        // started after the revision was published, so the bundles it activates first are that revision's
        sidecar.awaitHealthy(SLOW);
        expectedRevision = revision;
    }

    private long expectedRevision;

    /** One decision of the sidecar OPA, which uploads it to the operator with its decision log. */
    private JsonNode decide(String tenant, Query query) {
        try {
            JsonNode result = JSON.readTree(sidecar.decide(DECISION, DecisionTraffic.input(cluster.namespace(), tenant,
                    query).toString())).get("result");
            assertThat(result.get("revision").asLong()).isEqualTo(expectedRevision);
            return result;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the operator holds {@code n} decisions of the tenant. */
    private void awaitRecorded(String tenant, int n) {
        await().atMost(SLOW).until(() -> cluster.operator().decisions().recent(cluster.namespace(), tenant,
                Instant.EPOCH, 100_000).size() >= n);
        assertThat(cluster.operator().decisions().recent(cluster.namespace(), tenant, Instant.EPOCH, 100_000))
                .hasSize(n);
    }

    private String token(String tenant) {
        Secret secret = await().atMost(SLOW).until(() -> cluster.secret(tenant + "-psi-worker-token"), s -> s != null);
        return new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
    }

    /** The revision is in status with its impact settled (replayed, skipped or nothing to replay). */
    private static boolean revisionDone(TrustPolicyStatus s, long revision) {
        return s.getRevision() != null && s.getRevision() == revision && !s.getTimeline().isEmpty()
                && s.getTimeline().get(0).getRevision() == revision && s.getTimeline().get(0).getReplay() != null;
    }

    private TrustPolicyStatus awaitPolicy(Predicate<TrustPolicyStatus> done) {
        try {
            return await().atMost(SLOW).until(() -> {
                TrustPolicy p = cluster.client().resources(TrustPolicy.class).inNamespace(cluster.namespace())
                        .withName("acme-policy").get();
                return p == null ? null : p.getStatus();
            }, s -> s != null && done.test(s));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            TrustPolicy p = cluster.client().resources(TrustPolicy.class).inNamespace(cluster.namespace())
                    .withName("acme-policy").get();
            throw new AssertionError("TrustPolicy not as expected: " + cluster.client().getKubernetesSerialization()
                    .asYaml(p), e);
        }
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + cluster.operator().httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
