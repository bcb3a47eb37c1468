package io.trustfabric.operator.causal;

import java.util.EnumMap;
import java.util.Map;

/**
 * How plausibly a kind of revision change moves a metric or flips a condition, 0 (unrelated) to 3 (direct). Only a
 * tie-breaker between changes equally aligned with the effect (docs/drill-down.md lists the table).
 */
public final class Relevance {

    private static final Map<TrackedMetric, Map<RevisionPart, Integer>> METRICS = new EnumMap<>(TrackedMetric.class);

    static {
        METRICS.put(TrackedMetric.DENIAL_RATE, weights(3, 0, 1, 3, 2, 0, 0));
        METRICS.put(TrackedMetric.P95_LATENCY, weights(1, 3, 3, 0, 0, 3, 3));
        METRICS.put(TrackedMetric.ERROR_RATIO, weights(2, 3, 3, 0, 1, 2, 2));
        METRICS.put(TrackedMetric.BUDGET_BURN, weights(2, 0, 0, 1, 3, 0, 0));
        METRICS.put(TrackedMetric.REQUEST_RATE, weights(1, 1, 1, 3, 1, 0, 0));
    }

    private Relevance() {
    }

    /** Weights in {@link RevisionPart} order: policy, image, config, allowlist, budget, data set, key epoch. */
    private static Map<RevisionPart, Integer> weights(int... w) {
        Map<RevisionPart, Integer> out = new EnumMap<>(RevisionPart.class);
        for (RevisionPart part : RevisionPart.values()) {
            out.put(part, w[part.ordinal()]);
        }
        return out;
    }

    public static int of(TrackedMetric metric, RevisionPart part) {
        return METRICS.get(metric).get(part);
    }

    /** For a condition type: the parts that feed it directly weigh 3, the others 1. */
    public static int of(String condition, RevisionPart part) {
        return switch (condition) {
            case "PolicyReady" -> part == RevisionPart.POLICY_BUNDLE ? 3 : 1;
            case "BudgetAvailable" -> part == RevisionPart.BUDGET ? 3 : 1;
            case "Ready", "WorkersAvailable" -> switch (part) {
                case WORKER_IMAGE, WORKER_CONFIG, DATASET, KEY_EPOCH -> 3;
                default -> 1;
            };
            case "SLAConformant" -> switch (part) {
                case WORKER_IMAGE, WORKER_CONFIG, DATASET, KEY_EPOCH -> 3;
                case POLICY_BUNDLE -> 2;
                default -> 1;
            };
            default -> 1;
        };
    }

    /** For an effect's subject: a tracked metric's key, else a condition type. */
    public static int of(Effect effect, RevisionPart part) {
        if (Effect.METRIC.equals(effect.kind())) {
            for (TrackedMetric metric : TrackedMetric.values()) {
                if (metric.key().equals(effect.subject())) {
                    return of(metric, part);
                }
            }
            return 1;
        }
        return of(effect.subject(), part);
    }
}
