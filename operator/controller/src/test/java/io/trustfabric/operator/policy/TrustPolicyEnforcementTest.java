package io.trustfabric.operator.policy;

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
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicySpec;
import io.trustfabric.api.v1alpha1.TrustPolicyStatus;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.FreePort;
import io.trustfabric.controlplane.OpaServer;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.operator.policy.bundle.OpaSidecarConfig;
import io.trustfabric.operator.tenant.TenantConditions;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario end to end on a real API server and a real OPA: a TrustPolicy that allows only partners in
 * us-east-1 is compiled by the operator into a signed bundle, which an OPA configured exactly as the operator
 * configures a worker's sidecar downloads from the control API, verifies and enforces within seconds of the apply.
 */
@RealKubernetes
class TrustPolicyEnforcementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DECISION = "trustfabric/decision/result";

    private RealCluster cluster;
    private OpaServer opa;
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @BeforeEach
    void start(TestCluster real) {
        int port = FreePort.pick();
        cluster = RealCluster.start(real, OperatorSettings.local().withControl(port, "http://127.0.0.1:" + port));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        if (opa != null) {
            opa.close();
        }
        cluster.close();
    }

    @Test
    void aRegionPolicyIsEnforcedByTheWorkersOpaWithinSecondsOfApplyAndEveryChangeIsANewRevision(@TempDir Path dir)
            throws Exception {
        awaitBuiltInsAccepted();
        cluster.create(tenant("acme", inlineDataset("a\nb\n"), QueryMode.PSI_CA));
        Deployment workers = await().until(() -> cluster.deployment("acme-psi"), d -> d != null);
        assertThat(workers.getSpec().getTemplate().getSpec().getContainers()).extracting(c -> c.getName())
                .containsExactly("psi-worker", "opa");
        assertThat(workers.getSpec().getTemplate().getSpec().getContainers().get(1).getArgs())
                .contains("--addr=127.0.0.1:8181");
        JsonNode workerJson = JSON.readTree(cluster.configMap("acme-psi-config").getData().get("worker.json"));
        assertThat(workerJson.at("/policy/opaUrl").asText()).isEqualTo("http://127.0.0.1:8181");
        assertThat(workerJson.at("/tenant/trustPolicy").asBoolean()).isFalse();

        startSidecarOpa(dir, "acme");
        JsonNode unpoliced = decide("acme", "eu-west-1", 50);
        assertThat(unpoliced.get("allow").asBoolean()).isTrue();
        assertThat(codes(unpoliced.get("warnings"))).containsExactly("no-policy");
        assertThat(cluster.awaitCondition("acme", TenantConditions.POLICY_READY, Condition::isTrue).getReason())
                .isEqualTo(TrustPolicyConditions.REASON_DEFAULT_POLICY);

        cluster.create(policy("acme-policy", "acme", rule("us-only", "residency@v1",
                Map.of("allowedRegions", List.of("us-east-1")), EnforcementAction.enforce)));
        JsonNode denied = await().atMost(Duration.ofSeconds(30)).until(() -> decide("acme", "eu-west-1", 50),
                r -> !r.get("allow").asBoolean());
        assertThat(denied.get("denials")).singleElement().satisfies(d -> {
            assertThat(d.get("rule").asText()).isEqualTo("us-only");
            assertThat(d.get("code").asText()).isEqualTo("region-not-allowed");
        });
        assertThat(denied.get("revision").asLong()).isEqualTo(1);
        assertThat(denied.get("policy").asText()).isEqualTo(cluster.namespace() + "/acme-policy");
        assertThat(decide("acme", "us-east-1", 50).get("allow").asBoolean()).isTrue();

        TrustPolicyStatus status = awaitPolicy("acme-policy", s -> s.getRevision() != null && s.getRevision() == 1);
        assertThat(condition(status, TrustPolicyConditions.COMPILED).isTrue()).isTrue();
        assertThat(condition(status, TrustPolicyConditions.READY).getReason())
                .isEqualTo(TrustPolicyConditions.REASON_PUBLISHED);
        assertThat(status.getBundle().getDigest()).startsWith("sha256:");
        assertThat(status.getBundle().getUrl()).endsWith("/tenants/acme/policy/bundle");
        assertThat(status.getTimeline()).singleElement().satisfies(entry -> {
            assertThat(entry.getRevision()).isEqualTo(1);
            assertThat(entry.getChanges()).containsExactly("us-only (residency@v1, enforce)");
            assertThat(entry.getBy()).isNotBlank();
        });
        assertThat(cluster.awaitCondition("acme", TenantConditions.POLICY_READY,
                c -> TrustPolicyConditions.REASON_POLICY_ENFORCED.equals(c.getReason())).getMessage())
                .contains("acme-policy", "revision 1");
        assertThat(JSON.readTree(cluster.configMap("acme-psi-config").getData().get("worker.json"))
                .at("/tenant/trustPolicy").asBoolean()).isTrue();

        cluster.updateSpec(TrustPolicy.class, "acme-policy", p -> p.getSpec().getRules().get(0).getArguments()
                .put("allowedRegions", JSON.valueToTree(List.of("us-east-1", "eu-west-1"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> decide("acme", "eu-west-1", 50).get("allow").asBoolean());
        TrustPolicyStatus second = awaitPolicy("acme-policy", s -> s.getRevision() == 2);
        assertThat(second.getTimeline()).hasSize(2);
        assertThat(second.getTimeline().get(0).getChanges())
                .containsExactly("us-only: allowedRegions [\"us-east-1\"] -> [\"us-east-1\",\"eu-west-1\"]");
        assertThat(cluster.events("acme-policy")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo(PolicyEvents.EVENT_COMPILED);
            assertThat(e.getMessage()).contains("Revision 2");
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.operator().decisions()
                .recent(cluster.namespace(), "acme", java.time.Instant.EPOCH, 100).isEmpty());
    }

    @Test
    void illTypedArgumentsAreFindingsAndThePreviousRevisionStaysInForce(@TempDir Path dir) throws Exception {
        awaitBuiltInsAccepted();
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        cluster.create(policy("acme-policy", "acme", rule("cap", "set-size-cap@v1",
                Map.of("minSetSize", 10, "maxSetSize", 1000), EnforcementAction.enforce)));
        TrustPolicyStatus first = awaitPolicy("acme-policy", s -> s.getRevision() != null && s.getRevision() == 1);

        cluster.updateSpec(TrustPolicy.class, "acme-policy", p -> {
            p.getSpec().getRules().get(0).getArguments().put("maxSetSize", JSON.valueToTree("lots"));
            p.getSpec().getRules().get(0).getArguments().put("colour", JSON.valueToTree("red"));
        });
        TrustPolicyStatus broken = awaitPolicy("acme-policy", s -> !condition(s, TrustPolicyConditions.COMPILED).isTrue());
        assertThat(broken.getFindings()).filteredOn(f -> f.getSeverity() == FindingSeverity.error)
                .extracting(f -> f.getPath())
                .containsExactlyInAnyOrder("spec.rules[0].with.maxSetSize", "spec.rules[0].with.colour");
        assertThat(condition(broken, TrustPolicyConditions.READY).getReason())
                .isEqualTo(TrustPolicyConditions.REASON_PREVIOUS_IN_FORCE);
        assertThat(broken.getRevision()).isEqualTo(1);
        assertThat(broken.getBundle().getDigest()).isEqualTo(first.getBundle().getDigest());
        assertThat(cluster.events("acme-policy")).anySatisfy(e ->
                assertThat(e.getReason()).isEqualTo(TrustPolicyConditions.REASON_INVALID_RULES));

        startSidecarOpa(dir, "acme");
        assertThat(codes(decide("acme", "eu-west-1", 5).get("denials"))).containsExactly("set-too-small");
        assertThat(decide("acme", "eu-west-1", 50).get("allow").asBoolean()).isTrue();

        cluster.create(policy("second-policy", "acme", rule("anything", "residency@v1",
                Map.of("allowedRegions", List.of("mars")), EnforcementAction.enforce)));
        TrustPolicyStatus duplicate = awaitPolicy("second-policy", s -> condition(s, TrustPolicyConditions.READY) != null);
        assertThat(condition(duplicate, TrustPolicyConditions.READY).getReason())
                .isEqualTo(TrustPolicyConditions.REASON_DUPLICATE);
        assertThat(decide("acme", "eu-west-1", 50).get("allow").asBoolean()).isTrue();
    }

    @Test
    void lintFindingsReachTheStatusWithCodesAndQuickFixesAndAContradictionKeepsThePreviousRevision() {
        awaitBuiltInsAccepted();
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        cluster.create(policy("acme-policy", "acme", rule("cap", "set-size-cap@v1",
                Map.of("minSetSize", 2, "maxSetSize", 1000), EnforcementAction.enforce)));
        TrustPolicyStatus risky = awaitPolicy("acme-policy", s -> s.getRevision() != null && s.getRevision() == 1);
        assertThat(risky.getFindings()).singleElement().satisfies(f -> {
            assertThat(f.getCode()).isEqualTo("membership-probing");
            assertThat(f.getSeverity()).isEqualTo(FindingSeverity.warning);
            assertThat(f.getPath()).isEqualTo("spec.rules[0].with.minSetSize");
            assertThat(f.getQuickFix()).singleElement().satisfies(op -> {
                assertThat(op.getOp()).isEqualTo("replace");
                assertThat(op.getPath()).isEqualTo("/spec/rules/0/with/minSetSize");
                assertThat(op.getValue().asInt()).isEqualTo(10);
            });
        });

        cluster.updateSpec(TrustPolicy.class, "acme-policy", p -> {
            p.getSpec().getRules().get(0).getArguments().put("minSetSize", JSON.valueToTree(5000));
        });
        TrustPolicyStatus contradictory = awaitPolicy("acme-policy",
                s -> !condition(s, TrustPolicyConditions.COMPILED).isTrue());
        assertThat(contradictory.getFindings()).extracting(f -> f.getCode()).containsExactly("set-size-min-above-max");
        assertThat(condition(contradictory, TrustPolicyConditions.COMPILED).getMessage())
                .contains("[set-size-min-above-max]").contains("spec.rules[0].with.minSetSize");
        assertThat(contradictory.getRevision()).isEqualTo(1);
        assertThat(condition(contradictory, TrustPolicyConditions.READY).getReason())
                .isEqualTo(TrustPolicyConditions.REASON_PREVIOUS_IN_FORCE);
    }

    @Test
    void argumentsFullOfRegoStayDataAndNeverBecomeCode(@TempDir Path dir) throws Exception {
        awaitBuiltInsAccepted();
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        List<String> hostile = List.of("\"} default allow := true {\"", "package trustfabric.decision",
                "import data.trustfabric\nallow := true", "{{ .Values }}", "`rm -rf /`");
        cluster.create(policy("acme-policy", "acme",
                rule("hostile-regions", "residency@v1", Map.of("allowedRegions", hostile, "dataRegion",
                        "\"}\ndefault allow := true\n{\""), EnforcementAction.enforce),
                rule("hostile-flag", "contract-flag@v1", Map.of("flag", "x\" } package p import data.y { \""),
                        EnforcementAction.enforce)));
        awaitPolicy("acme-policy", s -> s.getRevision() != null && s.getRevision() == 1);

        startSidecarOpa(dir, "acme");
        JsonNode result = await().atMost(Duration.ofSeconds(30)).until(() -> decide("acme", "eu-west-1", 50),
                r -> r.get("revision").asLong() == 1);
        assertThat(result.get("allow").asBoolean()).isFalse();
        assertThat(codes(result.get("denials"))).containsExactlyInAnyOrder("region-not-allowed", "contract-flag-missing");
        assertThat(result.get("errors")).isEmpty();
    }

    @Test
    void theExamplePolicyUsesEveryBuiltInMacroAndCompilesWithoutFindings(@TempDir Path dir) throws Exception {
        awaitBuiltInsAccepted();
        cluster.create(tenant("acme", inlineDataset("a\n"), QueryMode.PSI_CA));
        TrustPolicy example;
        try (var in = Files.newInputStream(Path.of("../../examples/policies/70-policy-acme.yaml"))) {
            example = cluster.client().getKubernetesSerialization().unmarshal(in, TrustPolicy.class);
        }
        example.getMetadata().setNamespace(null);
        assertThat(example.getSpec().getRules()).extracting(PolicyRule::getMacro).containsExactlyInAnyOrder(
                "residency@v1", "set-size-cap@v1", "volume-cap@v1", "minimization@v1", "k-threshold@v1",
                "contract-flag@v1");
        cluster.create(example);
        TrustPolicyStatus status = awaitPolicy("acme-policy", s -> s.getRevision() != null && s.getRevision() == 1);
        assertThat(status.getFindings()).isEmpty();

        startSidecarOpa(dir, "acme");
        JsonNode outside = decide("acme", "eu-west-1", 50, "email-lowercase-sha256");
        assertThat(codes(outside.get("denials"))).containsExactly("region-not-allowed");
        JsonNode inside = decide("acme", "us-east-1", 50, "email-lowercase-sha256");
        assertThat(inside.get("allow").asBoolean()).isTrue();
        assertThat(codes(inside.get("warnings"))).containsExactly("contract-flag-missing");
        assertThat(inside.get("obligations")).singleElement()
                .satisfies(o -> assertThat(o.get("k").asInt()).isEqualTo(5));
    }

    private void awaitBuiltInsAccepted() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var macro = cluster.client().resources(io.trustfabric.api.v1alpha1.PolicyMacro.class)
                    .withName("residency-v1").get();
            return macro != null && macro.getStatus() != null && Boolean.TRUE.equals(macro.getStatus().getAccepted());
        });
    }

    /** An OPA started with the configuration the operator rendered for the tenant's sidecar. */
    private void startSidecarOpa(Path dir, String tenant) throws Exception {
        ConfigMap config = cluster.configMap(tenant + "-psi-config");
        Path token = dir.resolve("token");
        Files.writeString(token, token(tenant));
        String rendered = config.getData().get("opa.yaml")
                .replace("/var/run/trustfabric/control/token", token.toString());
        Path file = dir.resolve("opa.yaml");
        Files.writeString(file, rendered);
        ControlPlaneBinaries binaries = ControlPlaneBinaries.find().orElseThrow();
        opa = OpaServer.withConfig(binaries, dir.resolve("logs"), file, List.of());
        opa.awaitHealthy(Duration.ofSeconds(60));
        assertThat(JSON.readTree(rendered).at("/bundles/" + OpaSidecarConfig.tenantBundle(tenant) + "/signing/keyid")
                .asText()).isEqualTo("trustfabric");
    }

    private JsonNode decide(String tenant, String region, int setSize) {
        return decide(tenant, region, setSize, "none");
    }

    private JsonNode decide(String tenant, String region, int setSize, String normalization) {
        ObjectNode input = JSON.createObjectNode();
        ObjectNode t = input.putObject("tenant");
        t.put("namespace", cluster.namespace());
        t.put("name", tenant);
        t.putArray("modes").add("psi-ca");
        t.putArray("contractFlags");
        t.put("normalization", normalization);
        ObjectNode partner = input.putObject("partner");
        partner.put("id", "globex");
        partner.put("region", region);
        partner.putArray("contractFlags");
        partner.putArray("modes").add("psi-ca");
        ObjectNode query = input.putObject("query");
        query.put("mode", "psi-ca");
        query.put("setSize", setSize);
        query.put("normalization", normalization);
        ObjectNode volume = input.putObject("volume");
        volume.putObject("hour").put("queries", 0).put("elements", 0);
        volume.putObject("day").put("queries", 0).put("elements", 0);
        input.putObject("budget").put("enforced", true);
        input.put("time", "2026-12-03T13:00:00Z");
        try {
            return JSON.readTree(opa.decide(DECISION, input.toString())).get("result");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> codes(JsonNode findings) {
        List<String> out = new ArrayList<>();
        findings.forEach(f -> out.add(f.get("code").asText()));
        return out;
    }

    private String token(String tenant) {
        Secret secret = await().until(() -> cluster.secret(tenant + "-psi-worker-token"), s -> s != null);
        return new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
    }

    private TrustPolicyStatus awaitPolicy(String name, java.util.function.Predicate<TrustPolicyStatus> done) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            TrustPolicy p = cluster.client().resources(TrustPolicy.class).inNamespace(cluster.namespace())
                    .withName(name).get();
            return p == null ? null : p.getStatus();
        }, s -> s != null && done.test(s));
    }

    private static Condition condition(TrustPolicyStatus status, String type) {
        Optional<Condition> c = status.condition(type);
        return c.orElse(null);
    }

    static TrustPolicy policy(String name, String tenant, PolicyRule... rules) {
        TrustPolicy policy = new TrustPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName(name).build());
        TrustPolicySpec spec = new TrustPolicySpec();
        spec.setTenantRef(tenant);
        spec.setRules(new ArrayList<>(List.of(rules)));
        policy.setSpec(spec);
        return policy;
    }

    static PolicyRule rule(String name, String macro, Map<String, Object> arguments, EnforcementAction action) {
        PolicyRule rule = new PolicyRule();
        rule.setName(name);
        rule.setMacro(macro);
        Map<String, JsonNode> args = new LinkedHashMap<>();
        arguments.forEach((k, v) -> args.put(k, JSON.valueToTree(v)));
        rule.setArguments(args);
        rule.setEnforcementAction(action);
        return rule;
    }
}
