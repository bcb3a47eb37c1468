package io.trustfabric.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.trustfabric.api.v1alpha1.DryrunTally;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.ImpactReplay;
import io.trustfabric.api.v1alpha1.PolicyRevision;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicySpec;
import io.trustfabric.api.v1alpha1.TrustPolicyStatus;
import io.trustfabric.cli.TfctlRun;
import io.trustfabric.operator.policy.timeline.PolicyHistory;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tfctl policy history} and {@code tfctl policy promote} against the real API server: a TrustPolicy with the
 * status, history ConfigMap and Events the operator writes (written here by hand; the operator's own tests show it
 * writes them), and the JSON Patch of promote, whose test op keeps a concurrent edit.
 */
@RealKubernetes
class PolicyCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KubernetesClient admin;
    private String namespace;
    private String kubeconfig;

    @BeforeEach
    void namespace(TestCluster real) {
        admin = real.admin();
        namespace = real.createNamespace("policy-cli");
        kubeconfig = real.kubeconfig().toString();
    }

    @Test
    void historyPrintsEachRevisionNewestFirstWithItsImpactAndEvents() throws Exception {
        TrustPolicy policy = create(rule("us-only", "residency@v1", EnforcementAction.enforce,
                Map.of("allowedRegions", List.of("us-east-1", "eu-west-1"))));
        PolicyHistory history = new PolicyHistory();
        List<PolicyRevision> revisions = new ArrayList<>();
        for (long r = 1; r <= 12; r++) {
            PolicyRevision entry = revision(r);
            history.put(admin, policy, new PolicyHistory.Entry(entry, JSON.createArrayNode(), "sha256:rules-" + r));
            revisions.add(0, entry);
        }
        TrustPolicyStatus status = new TrustPolicyStatus();
        status.setRevision(12L);
        status.setHistory(PolicyHistory.name("acme-policy"));
        status.setTimeline(new ArrayList<>(revisions.subList(0, TrustPolicyStatus.MAX_TIMELINE)));
        policy.setStatus(status);
        policy = admin.resources(TrustPolicy.class).inNamespace(namespace).resource(policy).updateStatus();
        event(policy, "PolicyCompiled", "Revision 2 (" + digest(2) + ") compiled and published: us-only: allowedRegions"
                + " [\"us-east-1\"] -> [\"us-east-1\",\"eu-west-1\"]");
        event(policy, "PolicyImpact", "Revision 2 (" + digest(2) + ") impact: " + revision(2).getImpact());
        event(policy, "PolicyCompiled", "Revision 12 (" + digest(12) + ") compiled and published");

        TfctlRun run = TfctlRun.of("policy", "history", "acme-policy", "-n", namespace, "--kubeconfig", kubeconfig);
        assertThat(run.exitCode()).as(run.err()).isZero();
        String out = run.out();
        assertThat(out).startsWith("TrustPolicy " + namespace + "/acme-policy (tenant acme): revision 12 in force\n");
        assertThat(out.lines().filter(l -> l.startsWith("REVISION ")).map(l -> l.split(" +")[1]).toList())
                .containsExactly("12", "11", "10", "9", "8", "7", "6", "5", "4", "3");
        assertThat(out).as("the timeline keeps the last 10").doesNotContain("REVISION 2  ");
        String twelve = block(out, 12);
        assertThat(twelve).contains("by ci-pipeline", "  digest:       " + digest(12),
                "  actions:      us-only=enforce", "  impact:       would have denied 1 of 10 recent queries");
        assertThat(twelve).contains("Revision 12 (" + digest(12) + ") compiled and published")
                .doesNotContain("Revision 2 (");

        TfctlRun everything = TfctlRun.of("policy", "history", "acme-policy", "-n", namespace, "--all",
                "--kubeconfig", kubeconfig);
        assertThat(everything.exitCode()).as(everything.err()).isZero();
        assertThat(everything.out().lines().filter(l -> l.startsWith("REVISION ")).count()).isEqualTo(12);
        String second = block(everything.out(), 2);
        assertThat(second).contains("  changes:      us-only: allowedRegions [\"us-east-1\"] -> [\"us-east-1\",\"eu-west-1\"]",
                "  minimisation: no change in what partners can obtain",
                "  impact:       would have denied 1 of 10 recent queries (hooli: 1); allows 3 previously denied"
                        + " (initech: 3); partners affected: initech, hooli",
                "  events:", "Normal  PolicyCompiled  Revision 2 (", "Normal  PolicyImpact  Revision 2 (");
        assertThat(block(everything.out(), 1)).as("revision 1 is not revision 12's prefix").doesNotContain("events:");

        TfctlRun json = TfctlRun.of("policy", "history", "acme-policy", "-n", namespace, "--all", "-o", "json",
                "--kubeconfig", kubeconfig);
        assertThat(json.exitCode()).as(json.err()).isZero();
        ArrayNode entries = (ArrayNode) JSON.readTree(json.out());
        assertThat(entries).hasSize(12);
        JsonNode entry2 = entries.get(10);
        assertThat(entry2.path("revision").asLong()).isEqualTo(2);
        assertThat(entry2.path("replay").path("partners")).hasSize(2);
        assertThat(entry2.path("rulesDigest").asText()).isEqualTo("sha256:rules-2");
        assertThat(entry2.path("events")).hasSize(2);
        assertThat(entry2.path("events").get(0).path("reason").asText()).isEqualTo("PolicyCompiled");
    }

    @Test
    void historyOfAMissingPolicyOrHistoryIsAnError() {
        TfctlRun missing = TfctlRun.of("policy", "history", "nope", "-n", namespace, "--kubeconfig", kubeconfig);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("trustpolicies.trustfabric.io \"nope\" not found");

        create(rule("cap", "set-size-cap@v1", EnforcementAction.enforce, Map.of("maxSetSize", 10)));
        TfctlRun empty = TfctlRun.of("policy", "history", "acme-policy", "-n", namespace, "--kubeconfig", kubeconfig);
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.out()).contains("no revision compiled yet").contains("No revisions yet.");
        TfctlRun all = TfctlRun.of("policy", "history", "acme-policy", "-n", namespace, "--all",
                "--kubeconfig", kubeconfig);
        assertThat(all.exitCode()).isEqualTo(1);
        assertThat(all.err()).contains("has no history ConfigMap acme-policy-policy-history yet");
    }

    @Test
    void promoteShowsTheTallyRefusesWithoutConfirmationAndFlipsTheRuleWithAGuardedPatch() throws Exception {
        TrustPolicy policy = create(
                rule("cap", "set-size-cap@v1", EnforcementAction.enforce, Map.of("maxSetSize", 5000)),
                rule("us-only", "residency@v1", EnforcementAction.dryrun, Map.of("allowedRegions", List.of("us-east-1"))));
        DryrunTally tally = new DryrunTally();
        tally.setRule("us-only");
        tally.setSince("2026-12-01T10:00:00Z");
        tally.setEvaluated(3400L);
        tally.setWouldDeny(12L);
        tally.setPartners(List.of("globex=12"));
        TrustPolicyStatus status = new TrustPolicyStatus();
        status.setRevision(4L);
        status.setDryrun(List.of(tally));
        policy.setStatus(status);
        admin.resources(TrustPolicy.class).inNamespace(namespace).resource(policy).updateStatus();

        TfctlRun refused = TfctlRun.of("policy", "promote", "acme-policy", "--rule", "us-only", "-n", namespace,
                "--kubeconfig", kubeconfig);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains("Rule us-only of TrustPolicy " + namespace + "/acme-policy (residency@v1)"
                + " is in dryrun.", "  would have denied 12 of 3,400 queries since 2026-12-01T10:00:00Z (globex: 12)");
        assertThat(refused.err()).contains("error: refusing to enforce rule us-only without confirmation: stdin is not"
                + " a terminal; pass --yes");
        assertThat(action("us-only")).isEqualTo("dryrun");

        TfctlRun notDryrun = TfctlRun.of("policy", "promote", "acme-policy", "--rule", "cap", "--yes", "-n", namespace,
                "--kubeconfig", kubeconfig);
        assertThat(notDryrun.exitCode()).isEqualTo(1);
        assertThat(notDryrun.err()).contains("rule cap of TrustPolicy " + namespace + "/acme-policy is not in dryrun"
                + " (its enforcementAction is enforce)");
        TfctlRun unknown = TfctlRun.of("policy", "promote", "acme-policy", "--rule", "eu-only", "--yes", "-n",
                namespace, "--kubeconfig", kubeconfig);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("has no rule named eu-only (rules: cap, us-only)");

        TfctlRun promoted = TfctlRun.of("policy", "promote", "acme-policy", "--rule", "us-only", "--yes", "-n",
                namespace, "--kubeconfig", kubeconfig);
        assertThat(promoted.exitCode()).as(promoted.err()).isZero();
        assertThat(promoted.out()).contains("trustpolicy.trustfabric.io/acme-policy patched: rule us-only"
                + " enforcementAction dryrun -> enforce");
        assertThat(action("us-only")).isEqualTo("enforce");
        assertThat(action("cap")).isEqualTo("enforce");
        TrustPolicy after = admin.resources(TrustPolicy.class).inNamespace(namespace).withName("acme-policy").get();
        assertThat(after.getMetadata().getManagedFields()).anySatisfy(f -> {
            assertThat(f.getManager()).isEqualTo(PolicyPromoteCommand.FIELD_MANAGER);
            assertThat(f.getFieldsV1().getAdditionalProperties()).containsKey("f:spec");
        });
    }

    @Test
    void promoteNeverOverwritesAnEditMadeAfterTheRuleWasRead() {
        create(rule("us-only", "residency@v1", EnforcementAction.dryrun, Map.of("allowedRegions", List.of("us-east-1"))));
        GenericKubernetesResource raw = admin.genericKubernetesResources("trustfabric.io/v1alpha1", "TrustPolicy")
                .inNamespace(namespace).withName("acme-policy").get();
        JsonNode read = JSON.valueToTree(raw.getAdditionalProperties().get("spec")).path("rules").get(0);
        // someone widens the rule while promote waits for its confirmation
        TrustPolicy edited = admin.resources(TrustPolicy.class).inNamespace(namespace).withName("acme-policy").get();
        edited.getSpec().getRules().get(0).getArguments().put("allowedRegions",
                JSON.valueToTree(List.of("us-east-1", "eu-west-1")));
        admin.resources(TrustPolicy.class).inNamespace(namespace).resource(edited).update();

        assertThatThrownBy(() -> PolicyPromoteCommand.promote(admin, namespace, "acme-policy", 0, read))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
        TrustPolicy now = admin.resources(TrustPolicy.class).inNamespace(namespace).withName("acme-policy").get();
        assertThat(now.getSpec().getRules().get(0).getEnforcementAction()).isEqualTo(EnforcementAction.dryrun);
        assertThat(now.getSpec().getRules().get(0).getArguments().get("allowedRegions")).hasSize(2);
    }

    @Test
    void tfctlWritesAsFieldManagerTfctlSoTheTimelineNamesIt() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("policy", ".yaml");
        java.nio.file.Files.writeString(file, """
                apiVersion: trustfabric.io/v1alpha1
                kind: TrustPolicy
                metadata: {name: applied-policy, namespace: %s}
                spec:
                  tenantRef: acme
                  rules:
                    - {name: cap, macro: set-size-cap@v1, with: {maxSetSize: 100}}
                """.formatted(namespace));
        TfctlRun apply = TfctlRun.of("apply", "-f", file.toString(), "--kubeconfig", kubeconfig);
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        TrustPolicy applied = admin.resources(TrustPolicy.class).inNamespace(namespace).withName("applied-policy").get();
        assertThat(applied.getMetadata().getManagedFields()).anySatisfy(f -> {
            assertThat(f.getManager()).isEqualTo("tfctl");
            assertThat(f.getFieldsV1().getAdditionalProperties()).containsKey("f:spec");
        });
        java.nio.file.Files.delete(file);
    }

    private String action(String rule) {
        TrustPolicy policy = admin.resources(TrustPolicy.class).inNamespace(namespace).withName("acme-policy").get();
        return policy.getSpec().getRules().stream().filter(r -> r.getName().equals(rule)).findFirst().orElseThrow()
                .getEnforcementAction().name();
    }

    /** The block of one revision in the text output. */
    private static String block(String out, long revision) {
        int start = out.indexOf("REVISION " + revision + "  ");
        assertThat(start).as("revision %d in%n%s", revision, out).isNotNegative();
        int end = out.indexOf("\nREVISION ", start + 1);
        return end < 0 ? out.substring(start) : out.substring(start, end);
    }

    private static String digest(long revision) {
        return "sha256:" + String.format("%064d", revision);
    }

    private static PolicyRevision revision(long r) {
        PolicyRevision entry = new PolicyRevision();
        entry.setRevision(r);
        entry.setAt(Instant.parse("2026-12-03T10:00:00Z").plusSeconds(60 * r).toString());
        entry.setBy(r == 1 ? "kubectl-client-side-apply" : "ci-pipeline");
        entry.setDigest(digest(r));
        entry.setActions(new LinkedHashMap<>(Map.of("us-only", EnforcementAction.enforce)));
        entry.setChanges(List.of(r == 1 ? "us-only (residency@v1, enforce)"
                : r == 2 ? "us-only: allowedRegions [\"us-east-1\"] -> [\"us-east-1\",\"eu-west-1\"]"
                : "us-only: dataRegion \"\" -> \"r" + r + "\""));
        ImpactReplay replay = new ImpactReplay();
        replay.setReplayed(10L);
        replay.setWindow("24h");
        replay.setNewlyDenied(1L);
        replay.setNewlyAllowed(3L);
        replay.setPartners(List.of("initech=3", "hooli=1"));
        entry.setReplay(replay);
        entry.setImpact("would have denied 1 of 10 recent queries (hooli: 1); allows 3 previously denied (initech: 3);"
                + " partners affected: initech, hooli");
        return entry;
    }

    private void event(TrustPolicy policy, String reason, String message) {
        String now = Instant.now().toString();
        admin.v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withNewMetadata().withGenerateName("acme-policy.").endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion("trustfabric.io/v1alpha1")
                        .withKind("TrustPolicy").withName("acme-policy").withNamespace(namespace)
                        .withUid(policy.getMetadata().getUid()).build())
                .withType("Normal").withReason(reason).withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent("trust-fabric-operator").endSource()
                .build()).create();
    }

    private TrustPolicy create(PolicyRule... rules) {
        TrustPolicy policy = new TrustPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName("acme-policy").withNamespace(namespace).build());
        TrustPolicySpec spec = new TrustPolicySpec();
        spec.setTenantRef("acme");
        spec.setRules(new ArrayList<>(List.of(rules)));
        policy.setSpec(spec);
        return admin.resources(TrustPolicy.class).inNamespace(namespace).resource(policy).create();
    }

    private static PolicyRule rule(String name, String macro, EnforcementAction action, Map<String, Object> args) {
        PolicyRule rule = new PolicyRule();
        rule.setName(name);
        rule.setMacro(macro);
        rule.setEnforcementAction(action);
        Map<String, JsonNode> arguments = new LinkedHashMap<>();
        args.forEach((k, v) -> arguments.put(k, JSON.valueToTree(v)));
        rule.setArguments(arguments);
        return rule;
    }
}
