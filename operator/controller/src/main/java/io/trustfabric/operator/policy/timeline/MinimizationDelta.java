package io.trustfabric.operator.policy.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.trustfabric.api.v1alpha1.Normalization;
import io.trustfabric.api.v1alpha1.QueryMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What partners can obtain under one revision's rules compared with the previous revision's, statically from the
 * compiled rules: the modes they can use and the contract flags each needs ({@code minimization@v1} {@code modes} and
 * {@code psiContractFlag}, {@code contract-flag@v1}), the identifier normalizations accepted
 * ({@code minimization@v1} {@code normalizations}), the set sizes accepted ({@code set-size-cap@v1}) and the smallest
 * count reported ({@code k-threshold@v1}). Only {@code enforce} rules restrict: a {@code warn} or {@code dryrun} rule
 * changes nothing a partner obtains, so a rule moving between those and {@code enforce} is a line of its own.
 * <p>
 * Lines start with {@code +} when partners can obtain more, {@code -} when less; a change in both directions (a set
 * size range that moved) says which in its parenthesis.
 */
public final class MinimizationDelta {

    static final String MINIMIZATION = "minimization";
    static final String CONTRACT_FLAG = "contract-flag";
    static final String SET_SIZE_CAP = "set-size-cap";
    static final String K_THRESHOLD = "k-threshold";
    private static final Set<String> MACROS = Set.of(MINIMIZATION, CONTRACT_FLAG, SET_SIZE_CAP, K_THRESHOLD);
    private static final List<String> MODES = Arrays.stream(QueryMode.values()).map(QueryMode::wireName).toList();
    private static final List<String> NORMALIZATIONS = Arrays.stream(Normalization.values())
            .map(Normalization::wireName).toList();

    private MinimizationDelta() {
    }

    /**
     * What partners could obtain with these rules (null: no TrustPolicy, so everything the tenant offers).
     *
     * @param modes          each obtainable mode with the contract flags a partner needs for it (absent: no partner
     *                       can use the mode)
     * @param normalizations the accepted identifier normalizations
     * @param minSetSize     the fewest elements a query may carry
     * @param maxSetSize     the most, null when unbounded
     * @param k              counts below k are reported as "fewer than k"; null when no k-threshold applies
     */
    record Reach(Map<String, Set<String>> modes, Set<String> normalizations, long minSetSize, Long maxSetSize,
                 Long k) {
    }

    /** The change lines from {@code before} (null: the first revision, compared with no policy) to {@code after}. */
    public static List<String> between(ArrayNode before, ArrayNode after) {
        Reach was = reach(before);
        Reach is = reach(after);
        List<String> lines = new ArrayList<>();
        modes(was, is, lines);
        normalizations(was, is, lines);
        setSizes(was, is, lines);
        kThreshold(was, is, lines);
        enforcementMoves(before, after, lines);
        return lines;
    }

    static Reach reach(ArrayNode rules) {
        Map<String, Set<String>> modes = new LinkedHashMap<>();
        MODES.forEach(mode -> modes.put(mode, new TreeSet<>()));
        Set<String> normalizations = new LinkedHashSet<>(NORMALIZATIONS);
        long min = 1;
        Long max = null;
        Long k = null;
        if (rules != null) {
            for (JsonNode rule : rules) {
                if (!"enforce".equals(rule.path("action").asText()) || !"v1".equals(rule.path("version").asText())) {
                    continue;
                }
                JsonNode params = rule.path("params");
                switch (rule.path("macro").asText()) {
                    case MINIMIZATION -> {
                        Set<String> allowed = strings(params.path("modes"));
                        modes.keySet().retainAll(allowed);
                        if (modes.containsKey("psi") && params.hasNonNull("psiContractFlag")) {
                            modes.get("psi").add(params.get("psiContractFlag").asText());
                        }
                        Set<String> accepted = strings(params.path("normalizations"));
                        if (!accepted.isEmpty()) {
                            normalizations.retainAll(accepted);
                        }
                    }
                    case CONTRACT_FLAG -> {
                        Set<String> covered = strings(params.path("modes"));
                        modes.forEach((mode, flags) -> {
                            if (covered.isEmpty() || covered.contains(mode)) {
                                flags.add(params.path("flag").asText());
                            }
                        });
                    }
                    case SET_SIZE_CAP -> {
                        min = Math.max(min, params.path("minSetSize").asLong(1));
                        if (params.hasNonNull("maxSetSize")) {
                            long cap = params.get("maxSetSize").asLong();
                            max = max == null ? cap : Math.min(max, cap);
                        }
                    }
                    case K_THRESHOLD -> {
                        if (params.hasNonNull("k")) {
                            k = k == null ? params.get("k").asLong() : Math.max(k, params.get("k").asLong());
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return new Reach(modes, normalizations, min, max, k);
    }

    private static void modes(Reach was, Reach is, List<String> lines) {
        for (String mode : MODES) {
            Set<String> before = was.modes().get(mode);
            Set<String> after = is.modes().get(mode);
            if (before == null && after != null) {
                lines.add("+ mode " + mode + (after.isEmpty() ? " (every partner)"
                        : " (partners with contract flag" + (after.size() > 1 ? "s " : " ") + String.join(", ", after)
                        + ")"));
            } else if (before != null && after == null) {
                lines.add("- mode " + mode);
            } else if (before != null && !before.equals(after)) {
                Set<String> dropped = new TreeSet<>(before);
                dropped.removeAll(after);
                Set<String> added = new TreeSet<>(after);
                added.removeAll(before);
                if (!dropped.isEmpty()) {
                    lines.add("+ mode " + mode + " without contract flag" + (dropped.size() > 1 ? "s " : " ")
                            + String.join(", ", dropped) + " (more partners can use it)");
                }
                if (!added.isEmpty()) {
                    lines.add("- mode " + mode + " without contract flag" + (added.size() > 1 ? "s " : " ")
                            + String.join(", ", added) + " (fewer partners can use it)");
                }
            }
        }
    }

    private static void normalizations(Reach was, Reach is, List<String> lines) {
        for (String normalization : NORMALIZATIONS) {
            boolean before = was.normalizations().contains(normalization);
            boolean after = is.normalizations().contains(normalization);
            if (before != after) {
                lines.add((after ? "+ " : "- ") + "normalization " + normalization);
            }
        }
    }

    private static void setSizes(Reach was, Reach is, List<String> lines) {
        if (was.minSetSize() == is.minSetSize() && Objects.equals(was.maxSetSize(), is.maxSetSize())) {
            return;
        }
        List<String> why = new ArrayList<>();
        if (is.minSetSize() > was.minSetSize()) {
            why.add("queries under " + number(is.minSetSize()) + " elements refused");
        } else if (is.minSetSize() < was.minSetSize()) {
            why.add("queries of " + number(is.minSetSize()) + " to " + number(was.minSetSize() - 1)
                    + " elements allowed");
        }
        long wasMax = was.maxSetSize() == null ? Long.MAX_VALUE : was.maxSetSize();
        long isMax = is.maxSetSize() == null ? Long.MAX_VALUE : is.maxSetSize();
        if (isMax < wasMax) {
            why.add("queries over " + number(isMax) + " elements refused");
        } else if (isMax > wasMax) {
            why.add("queries over " + number(wasMax) + (is.maxSetSize() == null ? "" : " up to " + number(isMax))
                    + " elements allowed");
        }
        boolean narrower = is.minSetSize() >= was.minSetSize() && isMax <= wasMax;
        boolean wider = is.minSetSize() <= was.minSetSize() && isMax >= wasMax;
        String sign = narrower ? "- " : wider ? "+ " : "";
        lines.add(sign + "set size " + range(was) + " -> " + range(is) + " (" + String.join("; ", why) + ")");
    }

    private static void kThreshold(Reach was, Reach is, List<String> lines) {
        if (Objects.equals(was.k(), is.k())) {
            return;
        }
        if (was.k() == null) {
            lines.add("- counts below " + number(is.k()) + " (k-threshold k=" + is.k() + ": reported as fewer than "
                    + is.k() + ")");
        } else if (is.k() == null) {
            lines.add("+ counts below " + number(was.k()) + " (no k-threshold any more: every count is reported)");
        } else if (is.k() > was.k()) {
            lines.add("- counts below " + number(is.k()) + " (k-threshold k " + was.k() + " -> " + is.k() + ")");
        } else {
            lines.add("+ counts from " + number(is.k()) + " to " + number(was.k() - 1) + " (k-threshold k "
                    + was.k() + " -> " + is.k() + ")");
        }
    }

    /** A rule of one of the macros above that moved into or out of enforce: its limits start or stop applying. */
    private static void enforcementMoves(ArrayNode before, ArrayNode after, List<String> lines) {
        if (before == null || after == null) {
            return;
        }
        Map<String, JsonNode> old = new LinkedHashMap<>();
        before.forEach(rule -> old.put(rule.path("name").asText(), rule));
        for (JsonNode rule : after) {
            JsonNode previous = old.get(rule.path("name").asText());
            if (previous == null || !MACROS.contains(rule.path("macro").asText())
                    || !previous.path("ref").equals(rule.path("ref"))) {
                continue;
            }
            String was = previous.path("action").asText();
            String is = rule.path("action").asText();
            if (was.equals(is) || !(was.equals("enforce") || is.equals("enforce"))) {
                continue;
            }
            lines.add(rule.path("name").asText() + " (" + rule.path("ref").asText() + "): " + was + " -> " + is
                    + (is.equals("enforce") ? " (its limits now restrict partners)"
                    : " (its limits no longer restrict partners: only " + (is.equals("warn") ? "warned" : "recorded")
                    + ")"));
        }
    }

    private static String range(Reach reach) {
        return number(reach.minSetSize()) + ".." + (reach.maxSetSize() == null ? "any" : number(reach.maxSetSize()));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    static String number(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }
}
