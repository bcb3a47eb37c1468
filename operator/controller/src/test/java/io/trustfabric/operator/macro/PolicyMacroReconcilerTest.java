package io.trustfabric.operator.macro;

import static io.trustfabric.operator.OperatorCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.PolicyMacroSpec;
import io.trustfabric.api.v1alpha1.PolicyMacroStatus;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicySpec;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.OpaServer;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.RealCluster;
import io.trustfabric.operator.policy.TrustPolicyConditions;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PolicyMacro acceptance on a real API server, with a real OPA as the operator's own policy engine: built-in macros
 * installed and accepted, user-written ones compiled and tested by OPA, findings with line numbers, immutable
 * versions, restored built-ins.
 */
@RealKubernetes
class PolicyMacroReconcilerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RealCluster cluster;
    private OpaServer opa;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void start(TestCluster real, @TempDir Path dir) {
        opa = OpaServer.withBundles(ControlPlaneBinaries.find().orElseThrow(), dir.resolve("opa"), List.of());
        cluster = RealCluster.start(real, OperatorSettings.local().withOpaUrl(opa.url()));
    }

    @AfterEach
    void stop() {
        created.forEach(name -> cluster.client().resources(PolicyMacro.class).withName(name).delete());
        cluster.close();
        opa.close();
    }

    @Test
    void theBuiltInCatalogIsInstalledAndAccepted() {
        for (String name : List.of("residency-v1", "set-size-cap-v1", "volume-cap-v1", "minimization-v1",
                "k-threshold-v1", "contract-flag-v1")) {
            PolicyMacroStatus status = awaitMacro(name, s -> Boolean.TRUE.equals(s.getAccepted()));
            assertThat(status.condition(MacroConditions.ACCEPTED).orElseThrow().getReason())
                    .isEqualTo(MacroConditions.REASON_BUILT_IN);
            assertThat(status.getDigest()).startsWith("sha256:");
        }
        PolicyMacro residency = cluster.client().resources(PolicyMacro.class).withName("residency-v1").get();
        assertThat(residency.getMetadata().getLabels()).containsEntry(BuiltInMacros.BUILT_IN_LABEL, "true");
        assertThat(residency.getSpec().getParameters()).containsKeys("allowedRegions", "dataRegion");
    }

    @Test
    void aUserMacroIsAcceptedOnlyWhenOpaCompilesItAndItsTestsPass() {
        String macro = unique("min-set");
        create(macro, minSetModule(macro, 10), minSetTests(macro, 3));
        PolicyMacroStatus accepted = awaitMacro(macro + "-v1", s -> Boolean.TRUE.equals(s.getAccepted()));
        assertThat(accepted.condition(MacroConditions.ACCEPTED).orElseThrow().getReason())
                .isEqualTo(MacroConditions.REASON_CHECKED);

        String broken = unique("broken");
        create(broken, "package trustfabric.macros[\"" + broken + "\"].v1\n\ndeny contains x if {\n  x := \n}\n", null);
        PolicyFinding syntax = firstError(awaitMacro(broken + "-v1", s -> Boolean.FALSE.equals(s.getAccepted())));
        assertThat(syntax.getPath()).startsWith("spec.rego:5:");
        assertThat(syntax.getMessage()).contains("rego_parse_error");

        String failing = unique("failing");
        create(failing, minSetModule(failing, 10), minSetTests(failing, 30));
        PolicyMacroStatus failed = awaitMacro(failing + "-v1", s -> Boolean.FALSE.equals(s.getAccepted()));
        assertThat(failed.getFindings()).extracting(PolicyFinding::getMessage)
                .contains("test test_small_sets_are_denied failed");
        assertThat(cluster.client().v1().events().inAnyNamespace().list().getItems()).anySatisfy(e -> {
            assertThat(e.getInvolvedObject().getName()).isEqualTo(failing + "-v1");
            assertThat(e.getReason()).isEqualTo(MacroConditions.REASON_FINDINGS);
        });

        String elsewhere = unique("elsewhere");
        create(elsewhere, "package somewhere.else\n\ndeny contains {\"code\": \"x\", \"message\": \"y\"} if {\n"
                + "  http.send({\"method\": \"get\", \"url\": \"http://example.invalid\"}).status_code == 200\n}\n", null);
        PolicyMacroStatus misplaced = awaitMacro(elsewhere + "-v1", s -> Boolean.FALSE.equals(s.getAccepted()));
        assertThat(misplaced.getFindings()).extracting(PolicyFinding::getMessage)
                .anySatisfy(m -> assertThat(m).contains("the module's package is data.somewhere.else"))
                .anySatisfy(m -> assertThat(m).isEqualTo("the module calls http.send"));
        assertThat(misplaced.getFindings()).anySatisfy(f -> assertThat(f.getSeverity()).isEqualTo(FindingSeverity.warning));
    }

    @Test
    void aPublishedVersionIsImmutableAndABuiltInIsRestored() {
        String macro = unique("min-set");
        create(macro, minSetModule(macro, 10), minSetTests(macro, 3));
        String digest = awaitMacro(macro + "-v1", s -> Boolean.TRUE.equals(s.getAccepted())).getDigest();
        TrustPolicy policy = policy(macro);
        cluster.create(policy);
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(1).equals(revision(policy.getMetadata().getName())));

        patchRego(cluster.client(), macro + "-v1", minSetModule(macro, 1));
        PolicyMacroStatus refused = awaitMacro(macro + "-v1", s -> Boolean.FALSE.equals(s.getAccepted()));
        Condition accepted = refused.condition(MacroConditions.ACCEPTED).orElseThrow();
        assertThat(accepted.getReason()).isEqualTo(MacroConditions.REASON_IMMUTABLE);
        assertThat(accepted.getMessage()).contains(macro + "-v2");
        assertThat(refused.getDigest()).isEqualTo(digest);
        assertThat(cluster.client().v1().events().inAnyNamespace().list().getItems()).anySatisfy(e -> {
            assertThat(e.getInvolvedObject().getName()).isEqualTo(macro + "-v1");
            assertThat(e.getReason()).isEqualTo(MacroConditions.REASON_IMMUTABLE);
        });
        assertThat(revision(policy.getMetadata().getName())).as("the policy keeps the accepted content").isEqualTo(1L);

        cluster.client().resources(PolicyMacro.class).withName(macro + "-v1").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().v1().events().inAnyNamespace().list()
                .getItems().stream().anyMatch(e -> e.getInvolvedObject().getName().equals(macro + "-v1")
                        && MacroConditions.REASON_IN_USE.equals(e.getReason())
                        && e.getMessage().contains(cluster.namespace() + "/uses-" + macro)));
        assertThat(cluster.client().resources(PolicyMacro.class).withName(macro + "-v1").get())
                .as("kept while a TrustPolicy uses it").isNotNull();
        cluster.client().resources(TrustPolicy.class).inNamespace(cluster.namespace())
                .withName(policy.getMetadata().getName()).delete();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                cluster.client().resources(PolicyMacro.class).withName(macro + "-v1").get() == null);

        String shipped = cluster.client().resources(PolicyMacro.class).withName("residency-v1").get().getSpec().getRego();
        patchRego(cluster.client(), "residency-v1", "package trustfabric.macros.residency.v1\n\ndeny := set()\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().resources(PolicyMacro.class)
                .withName("residency-v1").get().getSpec().getRego().equals(shipped));
        assertThat(cluster.client().v1().events().inAnyNamespace().list().getItems()).anySatisfy(e -> {
            assertThat(e.getInvolvedObject().getName()).isEqualTo("residency-v1");
            assertThat(e.getReason()).isEqualTo(MacroConditions.REASON_BUILT_IN_RESTORED);
        });
    }

    /**
     * Changes spec.rego with a merge patch: no resourceVersion, so the operator's concurrent status writes cannot make
     * it conflict.
     */
    static void patchRego(io.fabric8.kubernetes.client.KubernetesClient client, String name, String rego) {
        com.fasterxml.jackson.databind.node.ObjectNode patch = JSON.createObjectNode();
        patch.putObject("spec").put("rego", rego);
        client.resources(PolicyMacro.class).withName(name).patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), patch.toString());
    }

    private Long revision(String policy) {
        TrustPolicy p = cluster.client().resources(TrustPolicy.class).inNamespace(cluster.namespace()).withName(policy)
                .get();
        return p == null || p.getStatus() == null ? null : p.getStatus().getRevision();
    }

    private TrustPolicy policy(String macro) {
        TrustPolicy policy = new TrustPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName("uses-" + macro).build());
        TrustPolicySpec spec = new TrustPolicySpec();
        spec.setTenantRef("acme");
        PolicyRule rule = new PolicyRule();
        rule.setName("min");
        rule.setMacro(macro + "@v1");
        rule.setArguments(Map.of("min", JSON.valueToTree(5)));
        rule.setEnforcementAction(EnforcementAction.enforce);
        spec.setRules(List.of(rule));
        policy.setSpec(spec);
        return policy;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String minSetModule(String macro, int fallback) {
        return "package trustfabric.macros[\"" + macro + "\"].v1\n\n"
                + "deny contains {\"code\": \"set-too-small\", \"message\": sprintf(\"%d < %d\", [input.query.setSize, least])} if {\n"
                + "\tleast := object.get(data.trustfabric.params, \"min\", " + fallback + ")\n"
                + "\tinput.query.setSize < least\n}\n";
    }

    private static String minSetTests(String macro, int setSize) {
        return "package trustfabric.macros[\"" + macro + "\"].v1_test\n\n"
                + "import data.trustfabric.macros[\"" + macro + "\"].v1\n\n"
                + "test_small_sets_are_denied if {\n"
                + "\tcount(v1.deny) == 1 with input as {\"query\": {\"setSize\": " + setSize + "}}"
                + " with data.trustfabric.params as {\"min\": 5}\n}\n";
    }

    private void create(String macro, String rego, String tests) {
        PolicyMacro object = new PolicyMacro();
        object.setMetadata(new ObjectMetaBuilder().withName(macro + "-v1").build());
        PolicyMacroSpec spec = new PolicyMacroSpec();
        spec.setMacro(macro);
        spec.setVersion(1);
        spec.setParameters(Map.<String, JsonNode>of("min", JSON.valueToTree(Map.of("type", "integer", "minimum", 1))));
        spec.setRego(rego);
        spec.setTests(tests);
        object.setSpec(spec);
        cluster.client().resources(PolicyMacro.class).resource(object).create();
        created.add(macro + "-v1");
    }

    private PolicyMacroStatus awaitMacro(String name, Predicate<PolicyMacroStatus> done) {
        try {
            return await().atMost(Duration.ofSeconds(60)).until(() -> {
                PolicyMacro macro = cluster.client().resources(PolicyMacro.class).withName(name).get();
                return macro == null ? null : macro.getStatus();
            }, s -> s != null && done.test(s));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            PolicyMacro macro = cluster.client().resources(PolicyMacro.class).withName(name).get();
            throw new AssertionError("PolicyMacro " + name + " has status "
                    + (macro == null ? "(gone)" : JSON.valueToTree(macro.getStatus()).toPrettyString()), e);
        }
    }

    private static PolicyFinding firstError(PolicyMacroStatus status) {
        return status.getFindings().stream().filter(f -> f.getSeverity() == FindingSeverity.error).findFirst()
                .orElseThrow();
    }
}
