package io.trustfabric.bench.openmined;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the side-by-side run measures. bench-psijs.js reads the same options with the same defaults and the
 * same run-count rule, so both implementations do the same work.
 *
 * @param serverSizes     server set sizes whose setup is timed
 * @param clientSizes     client request sizes whose creation and processing are timed
 * @param minRuns         fewest timed runs of any case
 * @param setupElements   a setup case is repeated until it has evaluated at least this many items
 * @param queryElements   a request case is repeated until it has covered at least this many elements
 * @param fpr             false-positive rate of a whole request, as psi.js's createSetupMessage takes it
 */
record ComparisonPlan(List<Integer> serverSizes, List<Integer> clientSizes, int minRuns,
                      int setupElements, int queryElements, double fpr) {

    static final String USAGE = "options: --server-sizes 10000,100000 --client-sizes 32,1000 --min-runs 3"
            + " --setup-elements 50000 --query-elements 5000 --fpr 1e-9";
    private static final Set<String> OPTIONS = Set.of("--server-sizes", "--client-sizes", "--min-runs",
            "--setup-elements", "--query-elements", "--fpr");

    ComparisonPlan {
        serverSizes = List.copyOf(serverSizes);
        clientSizes = List.copyOf(clientSizes);
        if (serverSizes.isEmpty() || clientSizes.isEmpty()) {
            throw new IllegalArgumentException("at least one server size and one client size are needed");
        }
        for (int size : clientSizes) {
            if (size < 2 || size > 2 * serverSizes.get(serverSizes.size() - 1)) {
                throw new IllegalArgumentException("client size " + size
                        + " must be between 2 and twice the largest server size");
            }
        }
        for (int size : serverSizes) {
            if (size < 1) {
                throw new IllegalArgumentException("server size must be positive, got " + size);
            }
        }
        if (minRuns < 1 || setupElements < 1 || queryElements < 1) {
            throw new IllegalArgumentException("run counts must be positive");
        }
        if (!(fpr > 0 && fpr < 1)) {
            throw new IllegalArgumentException("--fpr must be in (0, 1), got " + fpr);
        }
    }

    static ComparisonPlan defaults() {
        return new ComparisonPlan(List.of(10_000, 100_000), List.of(32, 1_000), 3, 50_000, 5_000, 1e-9);
    }

    /** Parses {@code --name value} pairs over the defaults; unknown options are refused. */
    static ComparisonPlan parse(String... args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("every option needs a value; " + USAGE);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
            options.put(args[i], args[i + 1]);
        }
        ComparisonPlan d = defaults();
        return new ComparisonPlan(
                option(options, "--server-sizes", ComparisonPlan::sizes, d.serverSizes),
                option(options, "--client-sizes", ComparisonPlan::sizes, d.clientSizes),
                option(options, "--min-runs", Integer::valueOf, d.minRuns),
                option(options, "--setup-elements", Integer::valueOf, d.setupElements),
                option(options, "--query-elements", Integer::valueOf, d.queryElements),
                option(options, "--fpr", Double::valueOf, d.fpr));
    }

    private static <T> T option(Map<String, String> options, String name, Function<String, T> parser, T fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return parser.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + ": '" + value + "' is not a number", e);
        }
    }

    private static List<Integer> sizes(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).map(Integer::valueOf).sorted().toList();
    }

    /** The server size request cases run against: the largest. */
    int largestServerSize() {
        return serverSizes.get(serverSizes.size() - 1);
    }

    /** The number of largest client requests psi.js's setup is sized for (its numClientInputs). */
    int numClientInputs() {
        return clientSizes.get(clientSizes.size() - 1);
    }

    int setupRuns(int serverSize) {
        return runsCovering(setupElements, serverSize);
    }

    int queryRuns(int clientSize) {
        return runsCovering(queryElements, clientSize);
    }

    private int runsCovering(int elements, int perRun) {
        return Math.max(minRuns, (elements + perRun - 1) / perRun);
    }
}
