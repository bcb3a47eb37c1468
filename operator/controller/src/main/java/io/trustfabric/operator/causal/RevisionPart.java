package io.trustfabric.operator.causal;

import io.trustfabric.api.v1alpha1.RevisionSet;
import java.util.function.Function;

/** One revision of a {@link RevisionSet}: what can change and so be a cause. */
public enum RevisionPart {
    POLICY_BUNDLE("policyBundle", "policy bundle", RevisionSet::getPolicyBundle),
    WORKER_IMAGE("workerImage", "worker image", RevisionSet::getWorkerImage),
    WORKER_CONFIG("workerConfig", "worker config", RevisionSet::getWorkerConfig),
    ALLOWLIST("allowlist", "allowlist", RevisionSet::getAllowlist),
    BUDGET("budget", "budget", RevisionSet::getBudget),
    DATASET("dataset", "data set", RevisionSet::getDataset),
    KEY_EPOCH("keyEpoch", "key epoch", set -> set.getKeyEpoch() == null ? null : set.getKeyEpoch().toString());

    private final String key;
    private final String words;
    private final Function<RevisionSet, String> value;

    RevisionPart(String key, String words, Function<RevisionSet, String> value) {
        this.key = key;
        this.words = words;
        this.value = value;
    }

    /** The field name in status.revisions and in the journal. */
    public String key() {
        return key;
    }

    /** How a sentence names it ("worker config"). */
    public String words() {
        return words;
    }

    /** Its value in a set; null when the set is null or has none. */
    public String of(RevisionSet set) {
        return set == null ? null : value.apply(set);
    }

    public static RevisionPart byKey(String key) {
        for (RevisionPart part : values()) {
            if (part.key.equals(key)) {
                return part;
            }
        }
        throw new IllegalArgumentException("no revision part " + key);
    }
}
