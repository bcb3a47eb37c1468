package io.trustfabric.cli.local;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.cli.resource.KindCatalog;
import io.trustfabric.cli.resource.ManifestReader;
import io.trustfabric.cli.resource.ResourceKind;
import io.trustfabric.cli.resource.ResourceStore;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Trust Fabric on one machine, for trying the product and for tests: an API server (the real kube-apiserver with etcd
 * and kube-controller-manager when their binaries are installed, else an embedded mock), the CRDs, the operator, and
 * each worker Deployment realised as local worker processes. Production runs on a Kubernetes cluster.
 */
public final class LocalMode implements AutoCloseable {

    /** Environment variable telling local workers where the opa binary is (when the real binaries are installed). */
    public static final String OPA_BINARY_VARIABLE = "TF_OPA_BINARY";
    /** The real control plane's folder inside the work directory. */
    static final String CONTROL_PLANE_DIR = "control-plane";

    /**
     * Where and how to run. quickstart null = the quickstart packaged in tfctl; applyQuickstart false = start empty;
     * apiServer: which API server (auto: the real one when installed).
     */
    public record Options(int port, Path workDir, Path kubeconfig, Path quickstart, boolean applyQuickstart,
                          Duration tick, ApiServerChoice apiServer, LocalOpa.Lookup opaLookup) {

        /** Looks for opa in this process's environment and the testbin cache (see {@link LocalOpa}). */
        public Options(int port, Path workDir, Path kubeconfig, Path quickstart, boolean applyQuickstart,
                       Duration tick, ApiServerChoice apiServer) {
            this(port, workDir, kubeconfig, quickstart, applyQuickstart, tick, apiServer, LocalOpa.Lookup.fromSystem());
        }
    }

    private final LocalApiServer apiServer;
    private final AutoCloseable operator;
    private final LocalDeployments deployments;
    private final Path kubeconfig;
    private final Path workDir;
    private final Map<String, String> crds;
    private final String operatorNote;
    private final List<TenantRef> tenants;
    private final Optional<ControlPlaneBinaries> binaries;
    private final Optional<LocalOpa> opa;
    private final OperatorOpa operatorOpa;
    /** How often the embedded mock's state is saved while local mode runs (and once more at close). */
    static final Duration SNAPSHOT_EVERY = Duration.ofSeconds(5);
    private java.util.concurrent.ScheduledExecutorService snapshots;

    /** A Tenant the quickstart (or examples folder) created. */
    public record TenantRef(String namespace, String name) {
        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    private LocalMode(LocalApiServer apiServer, Map<String, String> crds, AutoCloseable operator,
                      OperatorOpa operatorOpa, String operatorNote, LocalDeployments deployments, Path kubeconfig,
                      Path workDir, List<TenantRef> tenants, Optional<ControlPlaneBinaries> binaries,
                      Optional<LocalOpa> opa) {
        this.opa = opa;
        this.operatorOpa = operatorOpa;
        this.tenants = List.copyOf(tenants);
        this.binaries = binaries;
        this.apiServer = apiServer;
        this.crds = crds;
        this.operator = operator;
        this.operatorNote = operatorNote;
        this.deployments = deployments;
        this.kubeconfig = kubeconfig;
        this.workDir = workDir;
    }

    public static LocalMode start(Options options, PrintWriter progress) {
        LocalWorkerEndpoints endpoints = new LocalWorkerEndpoints();
        return start(options, progress, (client, ssa, opaUrl) -> OperatorLauncher.start(client, ssa, opaUrl, endpoints),
                endpoints);
    }

    static LocalMode start(Options options, PrintWriter progress, OperatorStarter operatorStarter) {
        return start(options, progress, operatorStarter, new LocalWorkerEndpoints());
    }

    /** @param endpoints given the local Deployments once they run, for the operator's SLA sampler */
    static LocalMode start(Options options, PrintWriter progress, OperatorStarter operatorStarter,
                           LocalWorkerEndpoints endpoints) {
        Optional<ControlPlaneBinaries> binaries = ControlPlaneBinaries.find();
        boolean real = options.apiServer().useReal(binaries,
                binaries.isPresent() ? "" : ControlPlaneBinaries.whyMissing());
        prepareWorkDir(options.workDir(), progress);
        boolean resuming = real && hasFiles(options.workDir().resolve(CONTROL_PLANE_DIR).resolve(RealApiServer.ETCD_DIR));
        LocalApiServer apiServer = real ? startReal(binaries.orElseThrow(), options, progress)
                : MockApiServer.start(options.port());
        LocalDeployments deployments = null;
        AutoCloseable operator = null;
        OperatorOpa operatorOpa = null;
        try {
            progress.printf("API server: %s%s%n", apiServer.description(), real ? ""
                    : binaries.isEmpty() ? "; for the real one: " + ControlPlaneBinaries.INSTALL_HINT
                    : "; chosen by --api-server=mock (the real one is installed)");
            Map<String, String> crds = CrdInstaller.install(apiServer.client());
            if (real) {
                CrdInstaller.awaitEstablished(apiServer.client(), crds.keySet(), Duration.ofMinutes(1));
            }
            progress.printf("Registered %d CRDs%s%n", crds.size(),
                    crds.containsValue("stand-in") ? " (schemaless stand-ins for: " + standIns(crds) + ")" : "");
            if (apiServer instanceof MockApiServer mock) {
                MockState.Restored restored = MockState.restore(mock, options.workDir().resolve(MockState.FILE));
                resuming = restored.resumed();
                if (restored.problem() != null) {
                    progress.printf("Could not restore the embedded mock's state from %s (%s)%n",
                            options.workDir().resolve(MockState.FILE), restored.problem());
                }
            }
            progress.println(resuming ? resumedLine(apiServer.client(), options.workDir())
                    : "Started fresh in " + options.workDir());
            ensureOperatorNamespace(apiServer.client());
            String operatorNote;
            Map<String, String> workerEnv = new LinkedHashMap<>();
            Optional<LocalOpa> opa = LocalOpa.find(options.opaLookup());
            String opaNote = "";
            if (opa.isPresent()) {
                try {
                    operatorOpa = OperatorOpa.start(opa.get(), options.workDir());
                    opaNote = ", its own OPA on 127.0.0.1:" + operatorOpa.port()
                            + " (PolicyMacro checks, impact of policy changes)";
                } catch (LocalModeException e) {
                    opaNote = ", no OPA of its own (" + e.getMessage() + ")";
                }
            }
            try {
                OperatorStarter.LocalOperator started = operatorStarter.start(apiServer.client(), real,
                        operatorOpa == null ? null : operatorOpa.url());
                operator = started.handle();
                operatorNote = "running in this process, server-side apply " + (real ? "on" : "off");
                if (started.controlUrl() != null) {
                    operatorNote += ", worker control API on " + started.controlUrl();
                    workerEnv.put("TF_CONTROL_URL", started.controlUrl());
                }
                operatorNote += opaNote;
                operatorNote += started.webhookUrl() != null
                        ? ", admission webhook (lint as you type) on " + started.webhookUrl()
                        : real ? "" : ", no admission webhook (the mock API server has no admission)";
            } catch (LocalModeException e) {
                operatorNote = e.getMessage();
            }
            progress.printf("Operator: %s%n", operatorNote);
            if (opa.isPresent()) {
                workerEnv.put(OPA_BINARY_VARIABLE, opa.get().binary().toString());
                progress.printf("OPA: %s%n", opa.get().describe());
            } else {
                progress.printf("OPA: %s%n", LocalOpa.describeMissing(options.opaLookup()));
            }
            deployments = new LocalDeployments(apiServer.client(), options.workDir(), workerEnv, opa, line -> {
                progress.println(line);
                progress.flush();
            });
            deployments.start(options.tick());
            endpoints.attach(deployments);
            List<TenantRef> tenants = options.applyQuickstart()
                    ? applyQuickstart(apiServer.client(), options.quickstart(), progress) : List.of();
            Path kubeconfig = apiServer.writeKubeconfig(options.kubeconfig(), "trust");
            progress.flush();
            LocalMode local = new LocalMode(apiServer, crds, operator, operatorOpa, operatorNote, deployments,
                    kubeconfig, options.workDir(), tenants, binaries, opa);
            local.startSnapshots();
            return local;
        } catch (RuntimeException e) {
            closeQuietly(deployments);
            closeQuietly(operator);
            closeQuietly(operatorOpa);
            apiServer.close();
            throw e;
        }
    }

    /** Starts etcd, kube-apiserver and kube-controller-manager, reporting each step indented under a first line. */
    private static LocalApiServer startReal(ControlPlaneBinaries binaries, Options options, PrintWriter progress) {
        Path dir = options.workDir().resolve(CONTROL_PLANE_DIR);
        progress.printf("Starting the real API server (etcd, kube-apiserver, kube-controller-manager) in %s ...%n", dir);
        progress.flush();
        return RealApiServer.start(binaries, dir, options.port(), line -> {
            progress.println("  " + line);
            progress.flush();
        });
    }

    public KubernetesClient client() {
        return apiServer.client();
    }

    /** True when the real kube-apiserver runs, false for the embedded mock. */
    public boolean realApiServer() {
        return apiServer.real();
    }

    /** The real binaries, when installed (kubectl, opa ...); empty otherwise. */
    public Optional<ControlPlaneBinaries> binaries() {
        return binaries;
    }

    public String apiServerUrl() {
        return apiServer.url();
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public Path workDir() {
        return workDir;
    }

    public boolean operatorRunning() {
        return operator != null;
    }

    /** Waits until the Tenant's Ready condition is True; false on timeout. */
    public boolean awaitTenantReady(String namespace, String name, Duration timeout) {
        ResourceKind tenants = KindCatalog.builtIn().require("tenants");
        ResourceStore store = new ResourceStore(client(), KindCatalog.builtIn());
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            GenericKubernetesResource tenant = store.get(tenants, namespace, name);
            if (tenant != null && TenantConditions.isReady(tenant)) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Local endpoints of the worker Deployment's ready processes, by "namespace/deployment". */
    public Map<String, List<String>> workerEndpoints() {
        Map<String, List<String>> endpoints = new java.util.TreeMap<>();
        for (LocalReplicas r : deployments.replicas()) {
            endpoints.put(r.namespace() + "/" + r.name(), r.processes().stream().filter(LocalWorkerProcess::isReady)
                    .map(LocalWorkerProcess::endpoint).toList());
        }
        return endpoints;
    }

    /** Worker processes still alive (after close() this must be empty). */
    public List<ProcessHandle> workerProcesses() {
        return deployments.liveProcesses();
    }

    /** What exists: tenants with their conditions, worker Deployments and where their local processes listen. */
    public String summary() {
        return new LocalSummary(client(), deployments.replicas(), operatorNote, opa.isPresent()).render();
    }

    /** The opa binary each local worker's OPA runs; empty when local mode runs workers without one. */
    public Optional<Path> opaBinary() {
        return opa.map(LocalOpa::binary);
    }

    /** The OPA ports of the Deployment's running replicas, by "namespace/deployment" (empty list: none runs). */
    public Map<String, List<Integer>> opaPorts() {
        Map<String, List<Integer>> ports = new java.util.TreeMap<>();
        for (LocalReplicas r : deployments.replicas()) {
            ports.put(r.namespace() + "/" + r.name(), r.processes().stream().map(LocalWorkerProcess::opaPort)
                    .flatMap(Optional::stream).toList());
        }
        return ports;
    }

    @Override
    public void close() {
        if (snapshots != null) {
            snapshots.shutdownNow();
        }
        closeQuietly(deployments);
        closeQuietly(operator);
        closeQuietly(operatorOpa);
        saveMockState();
        apiServer.close();
    }

    /** With the embedded mock, saves its state every few seconds too, so a kill -9 loses at most that much. */
    private void startSnapshots() {
        if (!(apiServer instanceof MockApiServer)) {
            return;
        }
        snapshots = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "local-mode-mock-snapshot");
            thread.setDaemon(true);
            return thread;
        });
        snapshots.scheduleWithFixedDelay(this::saveMockState, SNAPSHOT_EVERY.toMillis(), SNAPSHOT_EVERY.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void saveMockState() {
        if (!(apiServer instanceof MockApiServer)) {
            return;
        }
        try {
            MockState.save(apiServer.client(), workDir.resolve(MockState.FILE));
        } catch (IOException | RuntimeException e) {
            System.err.println("local mode: could not save the embedded mock's state to "
                    + workDir.resolve(MockState.FILE) + ": " + e);
        }
    }

    /** The operator's own OPA (macro checks, decision replay); empty when opa is not installed. */
    public Optional<String> operatorOpaUrl() {
        return Optional.ofNullable(operatorOpa).map(OperatorOpa::url);
    }

    /**
     * How many policy decisions of the tenant the in-process operator has recorded (its decision log, fed by the
     * local workers' OPAs every second or two); 0 when the operator runs elsewhere.
     */
    public int recordedDecisions(String namespace, String tenant) {
        return operator instanceof io.trustfabric.operator.TrustFabricOperator.Running running
                ? running.decisions().recent(namespace, tenant, Instant.EPOCH, Integer.MAX_VALUE).size() : 0;
    }

    /** The Tenants the quickstart (or the examples folder) created, in the order they were applied. */
    public List<TenantRef> tenants() {
        return tenants;
    }

    /**
     * Writes the Tenant's public receipt key (status.receiptKey.publicKey, base64) to a file for
     * {@code tfctl receipts verify --tenant-key FILE}; empty when the operator has not published it yet.
     */
    public Optional<Path> writeReceiptKey(TenantRef tenant) {
        GenericKubernetesResource resource = new ResourceStore(client(), KindCatalog.builtIn())
                .get(KindCatalog.builtIn().require("tenants"), tenant.namespace(), tenant.name());
        String publicKey = resource == null ? null : TenantConditions.receiptPublicKey(resource);
        if (publicKey == null) {
            return Optional.empty();
        }
        try {
            Path file = workDir.resolve(tenant.namespace() + "-" + tenant.name() + "-receipt-key.pub");
            return Optional.of(Files.writeString(file, publicKey + "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<TenantRef> applyQuickstart(KubernetesClient client, Path folder, PrintWriter progress) {
        ResourceStore store = new ResourceStore(client, KindCatalog.builtIn());
        List<GenericKubernetesResource> objects = ManifestReader.namespacesFirst(
                folder != null ? ManifestReader.read(folder) : packagedQuickstart());
        if (objects.isEmpty()) {
            throw new LocalModeException("the quickstart has no manifests (looked in "
                    + (folder != null ? folder : "tfctl's packaged quickstart/") + ")");
        }
        List<TenantRef> tenants = new ArrayList<>();
        for (GenericKubernetesResource object : objects) {
            ResourceKind kind = store.kindOf(object);
            String name = kind.qualifiedName() + "/" + object.getMetadata().getName();
            progress.println(name + " " + store.apply(object, "trust").word());
            if (kind.plural().equals("tenants") && kind.group().equals("trustfabric.io")) {
                String namespace = object.getMetadata().getNamespace();
                tenants.add(new TenantRef(namespace == null ? "trust" : namespace, object.getMetadata().getName()));
            }
        }
        return tenants;
    }

    private static List<GenericKubernetesResource> packagedQuickstart() {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        ClasspathFolder.read("quickstart").forEach((file, bytes) -> {
            if (file.matches(".*\\.(ya?ml|json)$")) {
                objects.addAll(ManifestReader.read(new ByteArrayInputStream(bytes), "quickstart/" + file));
            }
        });
        return objects;
    }

    /** Copies a file of the packaged quickstart (e.g. partner-items.txt) into the work dir; empty if not packaged. */
    public Optional<Path> packagedQuickstartFile(String name) {
        byte[] content = ClasspathFolder.read("quickstart").get(name);
        if (content == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.write(workDir.resolve(name), content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The operator keeps its bundle signing key in a Secret of its namespace; where that namespace is missing the key
     * lives only as long as the process, so local mode creates it and the key survives a restart with the state.
     */
    private static void ensureOperatorNamespace(KubernetesClient client) {
        String name = io.trustfabric.operator.OperatorSettings.DEFAULT_OPERATOR_NAMESPACE;
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName(name).endMetadata().build()).create();
        }
    }

    /** "Resumed from DIR: N Trust Fabric objects (T tenants, B privacy budgets), budgets as they were". */
    static String resumedLine(KubernetesClient client, Path workDir) {
        ResourceStore store = new ResourceStore(client, KindCatalog.builtIn());
        int objects = 0;
        int tenants = 0;
        int budgets = 0;
        for (ResourceKind kind : KindCatalog.builtIn().kinds()) {
            if (!kind.group().equals("trustfabric.io")) {
                continue;
            }
            int count = store.list(kind, null).size();
            objects += count;
            if (kind.plural().equals("tenants")) {
                tenants = count;
            } else if (kind.plural().equals("privacybudgets")) {
                budgets = count;
            }
        }
        return "Resumed from " + workDir + ": " + objects + " Trust Fabric objects (" + plural(tenants, "tenant")
                + ", " + plural(budgets, "privacy budget") + "), budgets as they were";
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static boolean hasFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** What prepareWorkDir keeps: the state of the previous local mode in this folder (etcd's data, mock snapshot). */
    private static boolean isState(Path dir, Path path) {
        return path.startsWith(dir.resolve(CONTROL_PLANE_DIR).resolve(RealApiServer.ETCD_DIR))
                || path.equals(dir.resolve(MockState.FILE));
    }

    private static void prepareWorkDir(Path dir, PrintWriter progress) {
        int orphans = OrphanedWorkers.stopLeftBy(dir);
        if (orphans > 0) {
            progress.printf("Stopped %d worker process(es) a previous local mode left running in %s%n", orphans, dir);
        }
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(dir) && !isState(dir, p) && !(Files.isDirectory(p) && hasFiles(p))) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare local mode work directory " + dir, e);
        }
    }

    private static String standIns(Map<String, String> crds) {
        return String.join(", ", crds.entrySet().stream().filter(e -> e.getValue().equals("stand-in"))
                .map(Map.Entry::getKey).toList());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("local mode: error while stopping " + closeable.getClass().getSimpleName() + ": " + e);
        }
    }
}
