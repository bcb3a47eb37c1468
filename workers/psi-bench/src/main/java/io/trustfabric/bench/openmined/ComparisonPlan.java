package io.trustfabric.bench.openmined;

import java.util.Arrays;
import java.util.List;

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
        ComparisonPlan plan = defaults();
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("every option needs a value; " + USAGE);
        }
        for (int i = 0; i < args.length; i += 2) {
            plan = plan.with(args[i], args[i + 1]);
        }
        return plan;
    }

    private ComparisonPlan with(String option, String value) {
        try {
            return switch (option) {
                case "--server-sizes" -> new ComparisonPlan(sizes(value), clientSizes, minRuns, setupElements,
                        queryElements, fpr);
                case "--client-sizes" -> new ComparisonPlan(serverSizes, sizes(value), minRuns, setupElements,
                        queryElements, fpr);
                case "--min-runs" -> new ComparisonPlan(serverSizes, clientSizes, Integer.parseInt(value),
                        setupElements, queryElements, fpr);
                case "--setup-elements" -> new ComparisonPlan(serverSizes, clientSizes, minRuns,
                        Integer.parseInt(value), queryElements, fpr);
                case "--query-elements" -> new ComparisonPlan(serverSizes, clientSizes, minRuns, setupElements,
                        Integer.parseInt(value), fpr);
                case "--fpr" -> new ComparisonPlan(serverSizes, clientSizes, minRuns, setupElements, queryElements,
                        Double.parseDouble(value));
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + option + ": '" + value + "' is not a number", e);
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
