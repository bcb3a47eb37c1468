package io.trustfabric.operator.causal;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.v1alpha1.RevisionSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ChangeWordsTest {

    @Test
    void saysWhichSettingsEntriesAndRulesChanged() {
        RevisionDetails before = details("sha256:p1", "sha256:c1", "globex=1",
                Map.of("limits.maxClientSetSize", "10000", "limits.queueCapacity", "64"),
                Map.of("globex/globex", "region=us-east-1, modes=psi-ca, expires=never"), null);
        RevisionDetails after = details("sha256:p2", "sha256:c2", "globex=2",
                Map.of("limits.maxClientSetSize", "50", "limits.queueCapacity", "64"),
                Map.of("globex/globex", "region=eu-west-1, modes=psi-ca, expires=never",
                        "globex/initech", "region=us-east-1, modes=psi, expires=never"),
                new RevisionDetails.PolicyInForce("trust/acme-policy", 2L, List.of("+ deny-globex (deny@v1, enforce)"),
                        null));
        List<RevisionChange.PartChange> parts = ChangeWords.between(before, after);
        assertThat(parts).extracting(RevisionChange.PartChange::part)
                .containsExactly("policyBundle", "workerConfig", "allowlist");
        assertThat(parts.get(0).details()).containsExactly("TrustPolicy trust/acme-policy revision 2",
                "rule + deny-globex (deny@v1, enforce)");
        assertThat(parts.get(1).details()).containsExactly("setting limits.maxClientSetSize: 10000 -> 50");
        assertThat(parts.get(2).details()).containsExactly(
                "partner globex/globex: region=us-east-1, modes=psi-ca, expires=never -> region=eu-west-1, modes=psi-ca,"
                        + " expires=never",
                "+ partner globex/initech (region=us-east-1, modes=psi, expires=never)");
        assertThat(RevisionSets.id(before.set())).isNotEqualTo(RevisionSets.id(after.set()))
                .isEqualTo(RevisionSets.id(details("sha256:p1", "sha256:c1", "globex=1", Map.of(), Map.of(), null)
                        .set()));
    }

    static RevisionDetails details(String policy, String config, String allowlist, Map<String, String> settings,
                                   Map<String, String> entries, RevisionDetails.PolicyInForce inForce) {
        RevisionSet set = new RevisionSet();
        set.setPolicyBundle(policy);
        set.setWorkerConfig(config);
        set.setAllowlist(allowlist);
        set.setKeyEpoch(1L);
        return new RevisionDetails(set, new TreeMap<>(settings), new TreeMap<>(entries), new TreeMap<>(), inForce,
                Map.of());
    }
}
