package io.trustfabric.cli.local;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "local", description = {
        "Run Trust Fabric on this machine to try it: an embedded Kubernetes API server (no pods), the CRDs, the operator,",
        "and each worker Deployment as local worker processes on loopback ports. Applies the quickstart (Tenant trust/acme),",
        "waits until it is Ready, prints what exists and how to query it, then runs until Ctrl-C.",
        "For trying the product and for tests only; production runs on a Kubernetes cluster."})
public final class LocalCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "API server port (default ${DEFAULT-VALUE}; a free one if taken).")
    int port = LocalApiServer.DEFAULT_PORT;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the kubeconfig, worker files and logs go (default ~/.trustfabric/local; cleared at start).")
    Path dir = io.trustfabric.cli.resource.ClusterOptions.LOCAL_MODE_KUBECONFIG.getParent();

    @Option(names = "--quickstart", paramLabel = "DIR", description = "Apply this folder instead of the packaged quickstart.")
    Path quickstart;

    @Option(names = "--no-quickstart", description = "Start empty; apply your own manifests with tfctl apply.")
    boolean noQuickstart;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait for the quickstart Tenant to be Ready (default ${DEFAULT-VALUE}).")
    int timeoutSeconds = 120;

    @Option(names = "--exit-when-ready", hidden = true, description = "Stop after printing the summary (for scripts and CI).")
    boolean exitWhenReady;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        LocalMode.Options options = new LocalMode.Options(port, dir.resolve("work"), dir.resolve("kubeconfig"),
                quickstart, !noQuickstart, Duration.ofMillis(500));
        LocalMode local = LocalMode.start(options, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            local.close();
            stopped.countDown();
        }, "tfctl-local-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean ready = noQuickstart || awaitReady(local, out, started);
        out.println();
        out.print(local.summary());
        printHowToTry(local, out);
        out.flush();
        if (exitWhenReady) {
            Runtime.getRuntime().removeShutdownHook(hook);
            local.close();
            return ready ? 0 : 1;
        }
        out.println("Local mode is running. Press Ctrl-C to stop (workers, operator and API server are stopped).");
        out.flush();
        stopped.await();
        return 0;
    }

    private boolean awaitReady(LocalMode local, PrintWriter out, long started) {
        out.println("Waiting for tenant trust/acme to be Ready ...");
        out.flush();
        boolean ready = local.awaitTenantReady("trust", "acme", Duration.ofSeconds(timeoutSeconds));
        double seconds = (System.nanoTime() - started) / 1e9;
        if (ready) {
            out.printf("Tenant trust/acme is Ready after %.1f s%n", seconds);
        } else {
            out.printf("Tenant trust/acme is NOT Ready after %.1f s; see its conditions below and the worker logs in %s%n",
                    seconds, local.workDir());
        }
        return ready;
    }

    private void printHowToTry(LocalMode local, PrintWriter out) {
        out.println();
        out.println("Kubeconfig: " + local.kubeconfig() + "   (kubectl cannot use it: the embedded API server has no discovery)");
        out.println("Try:");
        out.println("  ./tfctl --kubeconfig " + local.kubeconfig() + " get tenants");
        out.println("  ./tfctl --kubeconfig " + local.kubeconfig() + " describe tenant acme");
        Map<String, List<String>> endpoints = local.workerEndpoints();
        endpoints.values().stream().flatMap(List::stream).findFirst().ifPresentOrElse(endpoint -> {
            out.println("  ./tfctl psi-ca --endpoint " + endpoint + " --items " + partnerItems(local));
        }, () -> out.println("  (no worker is serving locally yet, so there is no endpoint to query)"));
    }

    private String partnerItems(LocalMode local) {
        Path inRepo = Path.of("examples", "quickstart", "partner-items.txt");
        if (quickstart == null && Files.isRegularFile(inRepo)) {
            return inRepo.toString();
        }
        if (quickstart != null && Files.isRegularFile(quickstart.resolve("partner-items.txt"))) {
            return quickstart.resolve("partner-items.txt").toString();
        }
        return local.packagedQuickstartFile("partner-items.txt").toString();
    }
}
