package io.trustfabric.operator.causal;

import io.trustfabric.operator.causal.RevisionChange.PartChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/** Says what changed between two {@link RevisionDetails}, part by part. */
public final class ChangeWords {

    /** At most this many lines per part: a change of a hundred allowlist entries is summarised. */
    static final int MAX_LINES = 20;

    private ChangeWords() {
    }

    /** The changed parts with their details; empty when nothing changed. {@code before} may be null. */
    public static List<PartChange> between(RevisionDetails before, RevisionDetails after) {
        List<PartChange> out = new ArrayList<>();
        for (RevisionPart part : RevisionSets.changed(before == null ? null : before.set(), after.set())) {
            List<String> details = switch (part) {
                case POLICY_BUNDLE -> policy(after.policy());
                case WORKER_IMAGE -> List.of("image " + Objects.toString(part.of(before == null ? null : before.set()),
                        "(none)") + " -> " + Objects.toString(part.of(after.set()), "(none)"));
                case WORKER_CONFIG -> entries(before == null ? null : before.workerSettings(), after.workerSettings(),
                        "setting ");
                case ALLOWLIST -> entries(before == null ? null : before.allowlistEntries(), after.allowlistEntries(),
                        "partner ");
                case BUDGET -> entries(before == null ? null : before.budgetSettings(), after.budgetSettings(),
                        "budget ");
                case DATASET -> List.of("data set content changed");
                case KEY_EPOCH -> List.of("key epoch " + Objects.toString(part.of(before == null ? null
                        : before.set()), "(none)") + " -> " + part.of(after.set()));
            };
            out.add(new PartChange(part.key(), part.of(before == null ? null : before.set()), part.of(after.set()),
                    details, after.next().get(part.key())));
        }
        return out;
    }

    private static List<String> policy(RevisionDetails.PolicyInForce policy) {
        if (policy == null) {
            return List.of("no TrustPolicy governs the tenant any more: the default policy applies");
        }
        List<String> lines = new ArrayList<>();
        lines.add("TrustPolicy " + policy.name() + " revision " + policy.revision());
        policy.changes().stream().limit(MAX_LINES).forEach(c -> lines.add("rule " + c));
        if (policy.impact() != null) {
            lines.add("impact: " + policy.impact());
        }
        return lines;
    }

    /** "+ key (value)", "- key", "key: old -> new" lines; without a before, every entry is new. */
    static List<String> entries(SortedMap<String, String> before, SortedMap<String, String> after, String noun) {
        List<String> lines = new ArrayList<>();
        Map<String, String> was = before == null ? Map.of() : before;
        TreeSet<String> keys = new TreeSet<>(was.keySet());
        keys.addAll(after.keySet());
        int total = 0;
        for (String key : keys) {
            String old = was.get(key);
            String now = after.get(key);
            if (Objects.equals(old, now)) {
                continue;
            }
            total++;
            if (lines.size() < MAX_LINES) {
                lines.add(old == null ? "+ " + noun + key + " (" + now + ")"
                        : now == null ? "- " + noun + key + " (" + old + ")"
                        : noun + key + ": " + old + " -> " + now);
            }
        }
        if (total > lines.size()) {
            lines.add("... and " + (total - lines.size()) + " more");
        }
        if (lines.isEmpty()) {
            lines.add("no " + noun.strip() + " entry differs (only the generation moved)");
        }
        return lines;
    }
}
