package io.trustfabric.operator.whatif;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts by key, ordered for status and reports: largest first, then by key. */
final class Tallies {

    private Tallies() {
    }

    static List<Map.Entry<String, Long>> ordered(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    /** The {@code limit} largest counts. */
    static Map<String, Long> top(Map<String, Long> counts, int limit) {
        Map<String, Long> top = new LinkedHashMap<>();
        ordered(counts).stream().limit(limit).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }
}
