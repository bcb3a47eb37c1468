package io.trustfabric.operator.policy.timeline;

import io.trustfabric.api.v1alpha1.ImpactReplay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The impact of a revision in words and numbers (PolicyRevision.impact and .replay). */
final class ImpactWords {

    /** How a timeline entry whose replay has not finished starts its impact. */
    static final String PENDING = "replaying ";

    private ImpactWords() {
    }

    /** Words and numbers together. */
    record Impact(String words, ImpactReplay replay) {
    }

    /**
     * "no decisions recorded for tenant acme in the last 24h; impact unknown".
     *
     * @param uptime how long ago the operator (and its in-memory decision log) started, when less than the window;
     *               null otherwise
     */
    static Impact noDecisions(String tenant, String window, Duration uptime) {
        ImpactReplay replay = new ImpactReplay();
        replay.setReplayed(0L);
        replay.setWindow(window);
        replay.setNewlyDenied(0L);
        replay.setNewlyAllowed(0L);
        return new Impact("no decisions recorded for tenant " + tenant + " in the last " + window
                + (uptime == null ? "" : " (the operator keeps them in memory and started " + window(uptime) + " ago)")
                + "; impact unknown", replay);
    }

    static Impact skipped(String reason, String window) {
        ImpactReplay replay = new ImpactReplay();
        replay.setWindow(window);
        replay.setSkipped(reason);
        return new Impact("impact unknown: recorded decisions were not replayed (" + reason + ")", replay);
    }

    static String pending(int recorded, String window) {
        return PENDING + MinimizationDelta.number(recorded) + " recorded decision" + (recorded == 1 ? "" : "s")
                + " of the last " + window + " with OPA";
    }

    /**
     * "would have denied 12 of 3,400 recent queries (globex: 12); allows 0 previously denied; partners affected:
     * globex", plus what the replay could not cover.
     *
     * @param volumeCapChanged whether the revision changes a volume-cap rule: its replay uses the counters recorded
     *                         at the time, which the new revision's own decisions would have moved
     */
    static Impact replayed(DecisionReplay.Result result, String window, boolean volumeCapChanged) {
        StringBuilder words = new StringBuilder("would have denied ").append(MinimizationDelta.number(result.newlyDenied()))
                .append(" of ").append(MinimizationDelta.number(result.replayed())).append(" recent quer")
                .append(result.replayed() == 1 ? "y" : "ies");
        if (!result.deniedByPartner().isEmpty()) {
            words.append(" (").append(perPartner(result.deniedByPartner())).append(')');
        }
        words.append("; allows ").append(MinimizationDelta.number(result.newlyAllowed())).append(" previously denied");
        if (!result.allowedByPartner().isEmpty()) {
            words.append(" (").append(perPartner(result.allowedByPartner())).append(')');
        }
        Map<String, Long> affected = new LinkedHashMap<>();
        result.deniedByPartner().forEach((p, n) -> affected.merge(p, n, Long::sum));
        result.allowedByPartner().forEach((p, n) -> affected.merge(p, n, Long::sum));
        List<String> partners = mostFirst(affected, Integer.MAX_VALUE);
        Set<String> names = new LinkedHashSet<>();
        partners.forEach(p -> names.add(p.substring(0, p.lastIndexOf('='))));
        words.append("; partners affected: ").append(names.isEmpty() ? "none"
                : String.join(", ", names.stream().limit(10).toList()) + (names.size() > 10 ? ", ..." : ""));
        if (result.notReplayed() > 0) {
            words.append("; ").append(MinimizationDelta.number(result.notReplayed()))
                    .append(" older recorded decisions not replayed (the replay stopped after ")
                    .append(seconds(result.took())).append(')');
        }
        if (result.withoutOutcome() > 0) {
            words.append("; ").append(MinimizationDelta.number(result.withoutOutcome()))
                    .append(" recorded decisions had no outcome (OPA failed then) and were not replayed");
        }
        if (volumeCapChanged) {
            words.append("; volume-cap replayed against the counters recorded then");
        }
        ImpactReplay replay = new ImpactReplay();
        replay.setReplayed((long) result.replayed());
        replay.setWindow(window);
        replay.setNewlyDenied(result.newlyDenied());
        replay.setNewlyAllowed(result.newlyAllowed());
        replay.setPartners(partners.stream().limit(ImpactReplay.MAX_PARTNERS).toList());
        return new Impact(words.toString(), replay);
    }

    /** "globex: 12, initech: 1", most first. */
    private static String perPartner(Map<String, Long> counts) {
        List<String> sorted = mostFirst(counts, 10);
        String text = sorted.stream().map(p -> p.substring(0, p.lastIndexOf('=')) + ": "
                + MinimizationDelta.number(Long.parseLong(p.substring(p.lastIndexOf('=') + 1))))
                .collect(Collectors.joining(", "));
        return counts.size() > 10 ? text + ", ..." : text;
    }

    /** "partner=count", most first, names breaking ties; at most {@code limit}. */
    static List<String> mostFirst(Map<String, Long> counts, int limit) {
        List<String> out = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> out.add(e.getKey() + "=" + e.getValue()));
        return out;
    }

    /** "24h", "3h", "12m": how far back recorded decisions go. */
    static String window(Duration window) {
        if (window.toSeconds() < 60) {
            return Math.max(0, window.toSeconds()) + "s";
        }
        long minutes = window.toMinutes();
        if (minutes % 60 == 0 || minutes >= 600) {
            return Math.max(1, Math.round(minutes / 60.0)) + "h";
        }
        return minutes >= 60 ? (minutes / 60) + "h" + (minutes % 60) + "m" : minutes + "m";
    }

    private static String seconds(Duration took) {
        return Math.max(1, Math.round(took.toMillis() / 1000.0)) + " s";
    }
}
