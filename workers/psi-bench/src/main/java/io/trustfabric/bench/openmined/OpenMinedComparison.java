package io.trustfabric.bench.openmined;

import com.sun.management.OperatingSystemMXBean;
import io.trustfabric.psi.group.Curve25519Group;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Our half of the side-by-side benchmark against OpenMined's psi.js (run-compare.sh runs both).
 * Times (wall and process CPU time), on one thread: setup per server item, request creation per client element and request processing
 * per client element; prints one JSON line per case on stdout. Before timing it warms the JIT with the same
 * work bench-psijs.js warms V8 with; after timing it checks every intersection size, so a broken protocol
 * cannot report a time.
 *
 * <p>Usage: {@code java -cp psi-bench-benchmarks.jar io.trustfabric.bench.openmined.OpenMinedComparison [options]};
 * options as in {@link ComparisonPlan#USAGE}.
 */
public final class OpenMinedComparison {
    static final String IMPLEMENTATION = "trust-fabric";
    private static final int WARM_UP_SETUP_ITEMS = 10_000;
    private static final int WARM_UP_QUERY_ROUNDS = 5;
    /** CPU time of the whole JVM, like Node's process.cpuUsage(): GC and JIT threads count. */
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final ComparisonPlan plan;
    private final TrustFabricPsiSession session = new TrustFabricPsiSession();
    private final List<String> output = new ArrayList<>();
    /** Folds every result in, so no timed work is dead code. */
    private long sink;

    OpenMinedComparison(ComparisonPlan plan) {
        this.plan = plan;
    }

    public static void main(String[] args) {
        ComparisonPlan plan;
        try {
            plan = ComparisonPlan.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("OpenMinedComparison: " + e.getMessage());
            System.exit(64);
            return;
        }
        System.err.println("scalar multiplication: " + new Curve25519Group().scalarMultiplication());
        OpenMinedComparison comparison = new OpenMinedComparison(plan);
        comparison.run().forEach(System.out::println);
    }

    /** Warms up, times every case of the plan, checks the intersection sizes; returns the JSON lines. */
    List<String> run() {
        warmUp();
        byte[] largestSetup = null;
        for (int serverSize : plan.serverSizes()) {
            largestSetup = timeSetup(serverSize);
        }
        for (int clientSize : plan.clientSizes()) {
            timeQueries(clientSize, largestSetup);
        }
        progress("done (checksum %d)", sink);
        return List.copyOf(output);
    }

    private void warmUp() {
        progress("warming up: one setup of %d items, %d request/process rounds of %d elements",
                Math.min(WARM_UP_SETUP_ITEMS, plan.largestServerSize()), WARM_UP_QUERY_ROUNDS, plan.numClientInputs());
        int serverSize = Math.min(WARM_UP_SETUP_ITEMS, plan.largestServerSize());
        byte[] setup = session.createSetupMessage(plan.fpr(), plan.numClientInputs(), SyntheticItems.server(serverSize));
        List<String> client = SyntheticItems.client(serverSize, plan.numClientInputs());
        for (int round = 0; round < WARM_UP_QUERY_ROUNDS; round++) {
            TrustFabricPsiSession.Request request = session.createRequest(client);
            requireIntersection(setup, request, session.processRequest(request.wire()), client.size());
        }
    }

    private byte[] timeSetup(int serverSize) {
        List<String> items = SyntheticItems.server(serverSize);
        byte[][] last = new byte[1][];
        record("setup", serverSize, plan.setupRuns(serverSize), () -> {
            last[0] = session.createSetupMessage(plan.fpr(), plan.numClientInputs(), items);
            return last[0];
        });
        output.add(String.format(Locale.ROOT,
                "{\"implementation\":\"%s\",\"operation\":\"setup-message\",\"size\":%d,\"bytes\":%d}",
                IMPLEMENTATION, serverSize, last[0].length));
        for (int clientSize : plan.clientSizes()) {
            List<String> client = SyntheticItems.client(serverSize, clientSize);
            TrustFabricPsiSession.Request request = session.createRequest(client);
            requireIntersection(last[0], request, session.processRequest(request.wire()), clientSize);
        }
        return last[0];
    }

    private void timeQueries(int clientSize, byte[] setup) {
        List<String> client = SyntheticItems.client(plan.largestServerSize(), clientSize);
        int runs = plan.queryRuns(clientSize);
        TrustFabricPsiSession.Request[] request = new TrustFabricPsiSession.Request[1];
        record("request", clientSize, runs, () -> {
            request[0] = session.createRequest(client);
            return request[0].wire();
        });
        byte[][] response = new byte[1][];
        record("process", clientSize, runs, () -> {
            response[0] = session.processRequest(request[0].wire());
            return response[0];
        });
        requireIntersection(setup, request[0], response[0], clientSize);
    }

    private void record(String operation, int size, int runs, Supplier<byte[]> work) {
        progress("timing %s of %d elements, %d runs", operation, size, runs);
        long[] wall = new long[runs];
        long cpuStarted = PROCESS.getProcessCpuTime();
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            byte[] result = work.get();
            wall[run] = System.nanoTime() - started;
            sink += result[result.length - 1];
        }
        long cpu = PROCESS.getProcessCpuTime() - cpuStarted;
        output.add(new PerElementTiming(IMPLEMENTATION, operation, size, wall, cpu).toJson());
    }

    private void requireIntersection(byte[] setup, TrustFabricPsiSession.Request request, byte[] response,
                                     int clientSize) {
        int found = session.intersectionSize(setup, request, response);
        int expected = SyntheticItems.expectedIntersection(clientSize);
        if (found != expected) {
            throw new IllegalStateException("intersection size " + found + " for a request of " + clientSize
                    + " elements, expected " + expected + ": the measured protocol is broken");
        }
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[" + IMPLEMENTATION + "] " + format + "%n", args);
    }
}
