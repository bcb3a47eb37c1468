package io.trustfabric.operator.policy.timeline;

import static io.trustfabric.operator.OperatorCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.PolicyRevision;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicySpec;
import io.trustfabric.testsupport.RealKubernetes;
import io.trustfabric.testsupport.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history ConfigMap on the real API server (no operator runs in this namespace): owned by its policy and
 * collected with it, bounded by count and by size, newest kept, and never mixed with an earlier policy's history.
 */
@RealKubernetes
class PolicyHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KubernetesClient admin;
    private String namespace;

    @BeforeEach
    void namespace(TestCluster real) {
        admin = real.admin();
        namespace = real.createNamespace("history");
    }

    @Test
    void keepsTheNewestRevisionsWithinTheCountBound() {
        TrustPolicy policy = create("acme-policy");
        PolicyHistory history = new PolicyHistory(4, PolicyHistory.MAX_BYTES);
        for (long revision = 1; revision <= 10; revision++) {
            assertThat(history.put(admin, policy, entry(revision, 1))).isEqualTo("acme-policy-policy-history");
        }
        ConfigMap map = admin.configMaps().inNamespace(namespace).withName("acme-policy-policy-history").get();
        assertThat(map.getData()).containsOnlyKeys("revision-000007.json", "revision-000008.json",
                "revision-000009.json", "revision-000010.json");
        assertThat(map.getMetadata().getLabels()).containsEntry(PolicyHistory.LABEL, "acme-policy")
                .containsEntry("app.kubernetes.io/managed-by", "trust-fabric-operator");
        assertThat(history.read(admin, policy)).extracting(e -> e.revision().getRevision())
                .containsExactly(10L, 9L, 8L, 7L);
        assertThat(history.read(admin, policy).get(0).rules()).hasSize(1);
    }

    @Test
    void staysWithinTheSizeBoundDroppingTheOldest() {
        TrustPolicy policy = create("big-policy");
        PolicyHistory history = new PolicyHistory(PolicyHistory.MAX_ENTRIES, 20_000);
        for (long revision = 1; revision <= 30; revision++) {
            history.put(admin, policy, entry(revision, 10)); // about 2.3 KB each
        }
        ConfigMap map = admin.configMaps().inNamespace(namespace).withName("big-policy-policy-history").get();
        long bytes = map.getData().entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length()).sum();
        assertThat(bytes).isLessThanOrEqualTo(20_000);
        List<PolicyHistory.Entry> entries = PolicyHistory.entries(map);
        assertThat(entries).hasSizeBetween(5, 10);
        assertThat(entries.get(0).revision().getRevision()).isEqualTo(30);
        assertThat(entries).extracting(e -> e.revision().getRevision()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void isOwnedByItsPolicyCollectedWithItAndNotInheritedByANewPolicyOfTheSameName() {
        TrustPolicy first = create("acme-policy");
        PolicyHistory history = new PolicyHistory();
        history.put(admin, first, entry(1, 1));
        history.put(admin, first, entry(2, 1));
        ConfigMap map = admin.configMaps().inNamespace(namespace).withName("acme-policy-policy-history").get();
        assertThat(map.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("TrustPolicy");
            assertThat(o.getName()).isEqualTo("acme-policy");
            assertThat(o.getUid()).isEqualTo(first.getMetadata().getUid());
            assertThat(o.getController()).isTrue();
            assertThat(o.getBlockOwnerDeletion()).as("no finalizers permission needed").isNull();
        });

        // recreated under the same name before the garbage collector ran: the old entries are not the new policy's
        admin.resources(TrustPolicy.class).inNamespace(namespace).withName("acme-policy").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.resources(TrustPolicy.class).inNamespace(namespace)
                .withName("acme-policy").get() == null);
        TrustPolicy second = create("acme-policy");
        assertThat(history.read(admin, second)).isEmpty();
        history.put(admin, second, entry(1, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ConfigMap now = admin.configMaps().inNamespace(namespace).withName("acme-policy-policy-history").get();
            return now != null && now.getMetadata().getOwnerReferences().get(0).getUid()
                    .equals(second.getMetadata().getUid());
        });
        assertThat(history.read(admin, second)).extracting(e -> e.revision().getRevision()).containsExactly(1L);

        admin.resources(TrustPolicy.class).inNamespace(namespace).withName("acme-policy").delete();
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.configMaps().inNamespace(namespace)
                .withName("acme-policy-policy-history").get() == null);
    }

    @Test
    void longPolicyNamesGetAValidConfigMapName() {
        String name = "p".repeat(250);
        assertThat(PolicyHistory.name(name)).hasSize(253).endsWith(PolicyHistory.SUFFIX).startsWith("ppp");
        assertThat(PolicyHistory.name("acme-policy")).isEqualTo("acme-policy-policy-history");
    }

    private TrustPolicy create(String name) {
        TrustPolicy policy = new TrustPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        TrustPolicySpec spec = new TrustPolicySpec();
        spec.setTenantRef("acme");
        PolicyRule rule = new PolicyRule();
        rule.setName("cap");
        rule.setMacro("set-size-cap@v1");
        rule.setArguments(new LinkedHashMap<>(Map.of("maxSetSize", JSON.valueToTree(100))));
        spec.setRules(new ArrayList<>(List.of(rule)));
        policy.setSpec(spec);
        return admin.resources(TrustPolicy.class).inNamespace(namespace).resource(policy).create();
    }

    private static PolicyHistory.Entry entry(long revision, int rules) {
        PolicyRevision entry = new PolicyRevision();
        entry.setRevision(revision);
        entry.setAt("2026-12-03T12:00:00Z");
        entry.setBy("kubectl-client-side-apply");
        entry.setDigest("sha256:" + "0".repeat(64));
        entry.setChanges(List.of("cap: maxSetSize 100 -> " + (100 + revision)));
        entry.setImpact("would have denied 0 of 0 recent queries; allows 0 previously denied; partners affected: none");
        ArrayNode compiled = JSON.createArrayNode();
        for (int i = 0; i < rules; i++) {
            compiled.addObject().put("action", "enforce").put("macro", "set-size-cap").put("name", "cap-" + i)
                    .put("ref", "set-size-cap@v1").put("version", "v1").putObject("params")
                    .put("minSetSize", 1).put("maxSetSize", 100 + revision);
            entry.getActions().put("cap-" + i, EnforcementAction.enforce);
        }
        return new PolicyHistory.Entry(entry, compiled, PolicyHistory.rulesDigest(compiled));
    }
}
