package io.trustfabric.cli.local;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "local", description = {
        "Run Trust Fabric on this machine to try it: a Kubernetes API server (the real kube-apiserver with etcd and",
        "kube-controller-manager when build-tools/test-binaries.sh installed them, else an embedded mock; no pods), the CRDs,",
        "the operator, and each worker Deployment as local worker processes on loopback ports. Applies the quickstart (Tenant trust/acme,",
        "partner globex, a privacy budget), waits until it is Ready, prints what exists and how to query it, then runs until Ctrl-C.",
        "For trying the product and for tests only; production runs on a Kubernetes cluster."})
public final class LocalCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "API server port (default ${DEFAULT-VALUE}; a free one if taken).")
    int port = LocalApiServer.DEFAULT_PORT;

    @Option(names = "--api-server", paramLabel = "auto|real|mock", converter = ApiServerChoice.Converter.class,
            description = {"Which API server: real (kube-apiserver, etcd, kube-controller-manager; needs build-tools/test-binaries.sh),",
                    "mock (embedded: validates like a real API server, but no defaulting, no server-side apply, no kubectl), auto (default: real when installed)."})
    ApiServerChoice apiServer = ApiServerChoice.AUTO;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the kubeconfig, worker files and logs go (default ~/.trustfabric/local; cleared at start).")
    Path dir = io.trustfabric.cli.resource.ClusterOptions.LOCAL_MODE_KUBECONFIG.getParent();

    @Option(names = {"--examples", "--quickstart"}, paramLabel = "DIR",
            description = "Apply this folder (e.g. examples/limited-ga) instead of the packaged quickstart; waits for each of its Tenants.")
    Path quickstart;

    @Option(names = "--no-quickstart", description = "Start empty; apply your own manifests with tfctl apply.")
    boolean noQuickstart;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait for the Tenants to be Ready (default ${DEFAULT-VALUE}).")
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
                quickstart, !noQuickstart, Duration.ofMillis(500), apiServer);
        LocalMode local = LocalMode.start(options, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            quietClientLogging();
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

    /**
     * Ctrl-C reaches the whole terminal process group, so etcd and kube-apiserver stop at the same moment as tfctl
     * and every open watch of the operator breaks; what the Kubernetes client and the operator log about that while
     * local mode shuts down tells the user nothing.
     */
    private static void quietClientLogging() {
        for (String name : List.of("io.fabric8", "io.javaoperatorsdk", "io.trustfabric.operator")) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.OFF);
            }
        }
    }

    private boolean awaitReady(LocalMode local, PrintWriter out, long started) {
        boolean allReady = true;
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        for (LocalMode.TenantRef tenant : local.tenants()) {
            out.println("Waiting for tenant " + tenant + " to be Ready ...");
            out.flush();
            boolean ready = local.awaitTenantReady(tenant.namespace(), tenant.name(),
                    timeout.minusNanos(System.nanoTime() - started));
            double seconds = (System.nanoTime() - started) / 1e9;
            if (ready) {
                out.printf("Tenant %s is Ready after %.1f s%n", tenant, seconds);
            } else {
                out.printf("Tenant %s is NOT Ready after %.1f s; see its conditions below and the worker logs in %s%n",
                        tenant, seconds, local.workDir());
            }
            allReady &= ready;
        }
        return allReady;
    }

    private void printHowToTry(LocalMode local, PrintWriter out) {
        out.println();
        String tfctl = "./tfctl --kubeconfig " + local.kubeconfig();
        if (local.realApiServer()) {
            String namespace = local.tenants().isEmpty() ? "-A" : "-n " + local.tenants().get(0).namespace();
            out.println("Kubeconfig: " + local.kubeconfig() + "   (admin of the local API server; kubectl works with it)");
            out.println("  export KUBECONFIG=" + local.kubeconfig());
            out.println("  kubectl get tenants " + namespace + local.binaries().map(b -> "   (kubectl "
                    + b.kubernetesVersion() + " is " + b.kubectl() + ")").orElse(""));
        } else {
            out.println("Kubeconfig: " + local.kubeconfig()
                    + "   (for tfctl only: kubectl cannot use it, the embedded mock API server has no discovery)");
        }
        out.println("Try:");
        out.println("  " + tfctl + " get tenants -A");
        Map<String, List<String>> endpoints = local.workerEndpoints();
        for (LocalMode.TenantRef tenant : local.tenants()) {
            out.println("  " + tfctl + " describe tenant " + tenant.name() + " -n " + tenant.namespace());
            List<String> serving = endpoints.getOrDefault(tenant.namespace() + "/" + tenant.name() + "-psi", List.of());
            if (serving.isEmpty()) {
                out.println("  (tenant " + tenant + " has no worker serving locally yet, so there is no endpoint to query)");
            } else {
                printQueryAndReceipts(local, tenant, serving.get(0), tfctl, out);
            }
        }
    }

    /** A partner's query with a saved receipt, the budget it charged, and the offline check of the receipt. */
    private void printQueryAndReceipts(LocalMode local, LocalMode.TenantRef tenant, String endpoint, String tfctl,
                                       PrintWriter out) {
        Path receipts = local.workDir().resolve(tenant.namespace() + "-" + tenant.name() + "-receipts.txt");
        out.println("  ./tfctl psi-ca --endpoint " + endpoint
                + " --items " + exampleFile(local, "partner-items.txt").map(Path::toString).orElse("YOUR-ITEMS.txt")
                + " --api-key-file " + exampleFile(local, "partner-api-key.txt").map(Path::toString)
                        .orElse("YOUR-API-KEY.txt")
                + " --receipts " + receipts);
        out.println("  " + tfctl + " get privacybudgets -n " + tenant.namespace());
        local.writeReceiptKey(tenant).ifPresentOrElse(
                key -> out.println("  ./tfctl receipts verify " + receipts + " --tenant-key " + key),
                () -> out.println("  (tenant " + tenant + " has not published its receipt key yet: " + tfctl
                        + " get tenant " + tenant.name() + " -n " + tenant.namespace()
                        + " -o yaml shows status.receiptKey.publicKey)"));
    }

    /** A file of the examples folder: the one given, else the repository's quickstart, else the packaged copy. */
    private Optional<Path> exampleFile(LocalMode local, String name) {
        if (quickstart != null) {
            Path file = quickstart.resolve(name);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        Path inRepo = Path.of("examples", "quickstart", name);
        return Files.isRegularFile(inRepo) ? Optional.of(inRepo) : local.packagedQuickstartFile(name);
    }
}
