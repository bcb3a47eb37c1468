package io.trustfabric.operator.whatif.golden;

import io.trustfabric.api.v1alpha1.GoldenSet;
import io.trustfabric.psi.protocol.PsiMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Golden queries from a {@link GoldenSet}: query i has {@code clientSetSize} items, {@code matchPercent} of them drawn
 * (without repeats) from the tenant's current items, the rest synthetic. The same seed, parameters and data set give
 * the same queries; queries are made one at a time so a large golden set is never all in memory.
 *
 * <p>Synthetic items contain a line break: data sets are read one item per line, so no data set item can equal one
 * before normalization, and no normalization removes an inner line break (trim and lower-casing keep it; the SHA-256
 * form would need a hash collision). Each synthetic item is still checked against every set it must miss.
 */
public final class GoldenSetGenerator {

    static final String SYNTHETIC_PREFIX = "trustfabric.io/what-if/synthetic\n";

    private final GoldenSet golden;
    private final List<PsiMode> modes;
    private final List<String> drawable;
    private final List<NormalizedItems> mustMiss;

    /**
     * @param current  the tenant's current items (drawn from)
     * @param mustMiss every data set a synthetic item must not be in (the current one and, for seed-change, the
     *                 candidate)
     * @param modes    the tenant's modes; query i uses {@code modes[i % size]}
     */
    public GoldenSetGenerator(GoldenSet golden, List<PsiMode> modes, NormalizedItems current,
                              List<NormalizedItems> mustMiss) {
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("the tenant serves no mode");
        }
        this.golden = golden;
        this.modes = List.copyOf(modes);
        this.drawable = current.distinctItems();
        this.mustMiss = List.copyOf(mustMiss);
    }

    public int queries() {
        return golden.getQueries();
    }

    /** Items drawn from the data set per query: matchPercent of the set size, at most the distinct items there are. */
    public int drawnPerQuery() {
        long wanted = Math.round(golden.getClientSetSize() * (golden.getMatchPercent() / 100.0));
        return (int) Math.min(wanted, drawable.size());
    }

    public GoldenQuery query(int index) {
        if (index < 0 || index >= queries()) {
            throw new IndexOutOfBoundsException("golden query " + index + " of " + queries());
        }
        SplittableRandom random = new SplittableRandom(golden.getSeed() * 0x9E3779B97F4A7C15L + index);
        int drawn = drawnPerQuery();
        List<String> items = new ArrayList<>(golden.getClientSetSize());
        int[] order = partialShuffle(drawable.size(), drawn, random);
        for (int i = 0; i < drawn; i++) {
            items.add(drawable.get(order[i]));
        }
        for (int i = drawn; i < golden.getClientSetSize(); i++) {
            items.add(synthetic(index, i));
        }
        // interleave drawn and synthetic items so position says nothing
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = items.get(i);
            items.set(i, items.get(j));
            items.set(j, t);
        }
        return new GoldenQuery(index, modes.get(index % modes.size()), items, drawn);
    }

    /** {@code sha256:} over the golden set's parameters and modes: what the report says was replayed. */
    public String trafficDigest() {
        String parameters = "seed=" + golden.getSeed() + ";queries=" + golden.getQueries() + ";clientSetSize="
                + golden.getClientSetSize() + ";matchPercent=" + golden.getMatchPercent() + ";modes="
                + String.join(",", modes.stream().map(PsiMode::wireName).toList());
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(parameters.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private String synthetic(int query, int position) {
        String item = SYNTHETIC_PREFIX + golden.getSeed() + "/" + query + "/" + position;
        for (NormalizedItems set : mustMiss) {
            if (set.containsNormalized(item)) {
                // cannot happen (see the class comment); refusing beats a golden set that silently matches more
                throw new IllegalStateException("a synthetic golden item collides with a data set item");
            }
        }
        return item;
    }

    /** The first {@code k} entries of a uniformly shuffled 0..n-1 (Fisher-Yates, stopped after k steps). */
    private static int[] partialShuffle(int n, int k, SplittableRandom random) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        return index;
    }
}
