package io.trustfabric.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver (RBAC authorization, the default admission
 * plugins, server-side apply, CEL validation) and, when asked, kube-controller-manager running only the controllers
 * that need no nodes ({@link #DEFAULT_CONTROLLERS}). No scheduler and no kubelet: nothing runs pods, and
 * no Deployment controller writes Deployment status; tests and local mode play that part themselves.
 */
public final class ControlPlane implements AutoCloseable {

    /** Admin identity (group system:masters) behind {@link #adminToken()}. */
    public static final String ADMIN_USER = "trust-fabric-local-admin";
    /**
     * The controllers kube-controller-manager runs: those that need no node, no cloud and no pod: owner-reference
     * garbage collection, namespace deletion, default service accounts, and ResourceQuota usage (so quota
     * admission refuses what a quota forbids, as in a cluster).
     */
    public static final List<String> DEFAULT_CONTROLLERS = List.of("garbage-collector-controller",
            "namespace-controller", "serviceaccount-controller", "resourcequota-controller");
    /** Generous for two busy cores: a warm start takes about five seconds. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    public static final String SERVICE_ACCOUNT_ISSUER = "https://kubernetes.default.svc.cluster.local";

    private final ControlPlaneBinaries binaries;
    private final Path workDir;
    private final boolean deleteWorkDir;
    private final ClusterCertificates certificates;
    private final String adminToken;
    private final int apiServerPort;
    private final Path auditLog;
    private final List<ChildProcess> processes;

    private ControlPlane(ControlPlaneBinaries binaries, Path workDir, boolean deleteWorkDir,
                         ClusterCertificates certificates, String adminToken, int apiServerPort, Path auditLog,
                         List<ChildProcess> processes) {
        this.binaries = binaries;
        this.workDir = workDir;
        this.deleteWorkDir = deleteWorkDir;
        this.certificates = certificates;
        this.adminToken = adminToken;
        this.apiServerPort = apiServerPort;
        this.auditLog = auditLog;
        this.processes = processes;
    }

    public static Builder builder(ControlPlaneBinaries binaries) {
        return new Builder(binaries);
    }

    /** How to start one control plane. */
    public static final class Builder {
        private final ControlPlaneBinaries binaries;
        private Path workDir;
        private int apiServerPort;
        private boolean controllerManager = true;
        private List<String> controllers = DEFAULT_CONTROLLERS;
        private boolean auditServiceAccounts;
        private boolean keepEtcdData;
        private Consumer<String> progress = line -> { };

        private Builder(ControlPlaneBinaries binaries) {
            this.binaries = binaries;
        }

        /** Where data, keys and logs go (kept at close); default a temporary folder deleted at close. */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /**
         * Reuse the etcd data of a previous control plane in the same work folder (its objects survive a restart);
         * default false: etcd starts empty. Certificates and tokens are new either way.
         */
        public Builder keepEtcdData(boolean keep) {
            this.keepEtcdData = keep;
            return this;
        }

        /** The API server's port if free, else any free port; 0 (the default) picks any. */
        public Builder preferredApiServerPort(int port) {
            this.apiServerPort = port;
            return this;
        }

        /** Whether to run kube-controller-manager (default true) and which of its controllers. */
        public Builder controllerManager(boolean on, List<String> controllerNames) {
            this.controllerManager = on;
            this.controllers = List.copyOf(controllerNames);
            return this;
        }

        /** Writes an audit log (JSON lines, level Metadata) of every request made by a service account. */
        public Builder auditServiceAccounts(boolean on) {
            this.auditServiceAccounts = on;
            return this;
        }

        public Builder progress(Consumer<String> sink) {
            this.progress = sink;
            return this;
        }

        public ControlPlane start() {
            try {
                boolean temporary = workDir == null;
                Path dir = temporary ? Files.createTempDirectory("trustfabric-controlplane-") : workDir;
                Files.createDirectories(dir);
                return ControlPlane.start(this, dir, temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the control plane's work folder", e);
            }
        }
    }

    private static ControlPlane start(Builder options, Path dir, boolean temporary) throws IOException {
        long started = System.nanoTime();
        ControlPlaneBinaries bin = options.binaries;
        Path pki = Files.createDirectories(dir.resolve("pki"));
        ClusterCertificates certificates = ClusterCertificates.generate();
        certificates.writeTo(pki);
        String adminToken = randomToken();
        String controllerManagerToken = randomToken();
        Files.writeString(pki.resolve("tokens.csv"), adminToken + "," + ADMIN_USER + ",admin,\"system:masters\"\n"
                + controllerManagerToken + ",system:kube-controller-manager,kcm,\"system:masters\"\n");
        List<ChildProcess> processes = new ArrayList<>();
        ControlPlane plane = null;
        try {
            int etcdPort = FreePort.pick();
            int peerPort = FreePort.pick();
            Path etcdData = dir.resolve("etcd");
            if (!options.keepEtcdData) {
                deleteRecursively(etcdData);
            }
            ChildProcess etcd = ChildProcess.start("etcd", List.of(bin.etcd().toString(),
                    "--name=default", "--data-dir=" + etcdData,
                    "--listen-client-urls=http://127.0.0.1:" + etcdPort,
                    "--advertise-client-urls=http://127.0.0.1:" + etcdPort,
                    "--listen-peer-urls=http://127.0.0.1:" + peerPort,
                    "--initial-advertise-peer-urls=http://127.0.0.1:" + peerPort,
                    "--initial-cluster=default=http://127.0.0.1:" + peerPort,
                    "--unsafe-no-fsync=true", "--log-level=warn", "--quota-backend-bytes=4294967296"),
                    dir.resolve("etcd.log"), Map.of());
            processes.add(etcd);
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitHttp(etcd, plain, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + etcdPort + "/health")),
                    body -> body.contains("\"health\":\"true\""), STARTUP_TIMEOUT);
            options.progress.accept("etcd " + bin.etcdVersion() + " ready on 127.0.0.1:" + etcdPort);

            int apiPort = options.apiServerPort > 0 ? FreePort.preferred(options.apiServerPort) : FreePort.pick();
            List<String> flags = new ArrayList<>(List.of(bin.kubeApiServer().toString(),
                    "--etcd-servers=http://127.0.0.1:" + etcdPort,
                    "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + apiPort,
                    "--tls-cert-file=" + pki.resolve("apiserver.crt"),
                    "--tls-private-key-file=" + pki.resolve("apiserver.key"),
                    "--client-ca-file=" + pki.resolve("ca.crt"),
                    "--token-auth-file=" + pki.resolve("tokens.csv"),
                    "--service-account-issuer=" + SERVICE_ACCOUNT_ISSUER,
                    "--service-account-key-file=" + pki.resolve("sa.pub"),
                    "--service-account-signing-key-file=" + pki.resolve("sa.key"),
                    "--service-cluster-ip-range=10.0.0.0/24",
                    "--authorization-mode=RBAC",
                    "--allow-privileged=true",
                    "--profiling=false",
                    "--enable-priority-and-fairness=false"));
            Path audit = null;
            if (options.auditServiceAccounts) {
                audit = dir.resolve("audit.log");
                Files.deleteIfExists(audit);
                Path policy = pki.resolve("audit-policy.yaml");
                Files.writeString(policy, """
                        apiVersion: audit.k8s.io/v1
                        kind: Policy
                        omitStages: [RequestReceived, ResponseStarted]
                        rules:
                          - level: Metadata
                            userGroups: ["system:serviceaccounts"]
                          - level: None
                        """);
                flags.addAll(List.of("--audit-policy-file=" + policy, "--audit-log-path=" + audit,
                        "--audit-log-format=json", "--audit-log-mode=blocking", "--audit-log-maxbackup=0"));
            }
            ChildProcess apiServer = ChildProcess.start("kube-apiserver", flags, dir.resolve("kube-apiserver.log"),
                    Map.of());
            processes.add(apiServer);
            plane = new ControlPlane(bin, dir, temporary, certificates, adminToken, apiPort, audit, processes);
            HttpClient tls = plane.httpClient();
            awaitHttp(apiServer, tls, HttpRequest.newBuilder(URI.create(plane.url() + "/readyz"))
                    .header("Authorization", "Bearer " + adminToken), "ok"::equals, STARTUP_TIMEOUT);
            options.progress.accept("kube-apiserver " + bin.kubernetesVersion() + " ready on " + plane.url());

            if (options.controllerManager) {
                Path kubeconfig = dir.resolve("kube-controller-manager.kubeconfig");
                Files.writeString(kubeconfig, plane.kubeconfig("system:kube-controller-manager", controllerManagerToken,
                        "default"));
                ChildProcess controllerManager = ChildProcess.start("kube-controller-manager", List.of(
                        bin.kubeControllerManager().toString(),
                        "--kubeconfig=" + kubeconfig, "--authentication-kubeconfig=" + kubeconfig,
                        "--authorization-kubeconfig=" + kubeconfig,
                        "--controllers=" + String.join(",", options.controllers),
                        "--leader-elect=false", "--bind-address=127.0.0.1", "--secure-port=" + FreePort.pick(),
                        "--cert-dir=" + pki.resolve("generated-kcm"),
                        "--use-service-account-credentials=false",
                        "--service-account-private-key-file=" + pki.resolve("sa.key"),
                        "--root-ca-file=" + pki.resolve("ca.crt"),
                        "--concurrent-gc-syncs=5", "--profiling=false"),
                        dir.resolve("kube-controller-manager.log"), Map.of());
                processes.add(controllerManager);
                options.progress.accept("kube-controller-manager " + bin.kubernetesVersion() + " started (controllers: "
                        + String.join(", ", options.controllers) + ")");
            }
            options.progress.accept(String.format("control plane up in %.1f s (work folder %s)",
                    (System.nanoTime() - started) / 1e9, dir));
            return plane;
        } catch (RuntimeException | IOException e) {
            for (int i = processes.size() - 1; i >= 0; i--) {
                processes.get(i).close();
            }
            throw e;
        }
    }

    /** https://127.0.0.1:PORT */
    public String url() {
        return "https://127.0.0.1:" + apiServerPort;
    }

    public int port() {
        return apiServerPort;
    }

    public String adminToken() {
        return adminToken;
    }

    /** The CA that signed the API server's certificate, PEM. */
    public String caCertificatePem() {
        return certificates.caPem();
    }

    public ControlPlaneBinaries binaries() {
        return binaries;
    }

    public Path workDir() {
        return workDir;
    }

    /** The audit log of service-account requests, if {@link Builder#auditServiceAccounts(boolean)} was on. */
    public java.util.Optional<Path> auditLog() {
        return java.util.Optional.ofNullable(auditLog);
    }

    /** Whether every process of the control plane still runs. */
    public boolean isRunning() {
        return processes.stream().allMatch(ChildProcess::isAlive);
    }

    /** A kubeconfig (CA embedded, bearer token) for the given user. */
    public String kubeconfig(String user, String token, String namespace) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: trustfabric-local
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                contexts:
                - name: trustfabric-local
                  context:
                    cluster: trustfabric-local
                    user: %s
                    namespace: %s
                current-context: trustfabric-local
                users:
                - name: %s
                  user:
                    token: %s
                """.formatted(url(), Base64.getEncoder().encodeToString(certificates.caPem().getBytes(StandardCharsets.US_ASCII)),
                user, namespace, user, token);
    }

    /** Writes the admin kubeconfig (owner-readable only: it holds the admin token) and returns its path. */
    public Path writeAdminKubeconfig(Path file, String namespace) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, kubeconfig(ADMIN_USER, adminToken, namespace));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }

    /** An HTTP client that trusts this control plane's CA. */
    public HttpClient httpClient() {
        return HttpClient.newBuilder().sslContext(certificates.trustingCa()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        if (deleteWorkDir) {
            deleteRecursively(workDir);
        }
    }

    private static void awaitHttp(ChildProcess process, HttpClient client, HttpRequest.Builder request,
                                  java.util.function.Predicate<String> ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited during start-up; the end of "
                        + process.log() + ":\n" + process.logTail(30));
            }
            try {
                HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && ready.test(response.body().trim())) {
                    return;
                }
                last = response.statusCode() + " " + response.body().lines().filter(l -> l.contains("failed"))
                        .findFirst().orElse(response.body().lines().findFirst().orElse(""));
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + process.name(), e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + process.name(), e);
            }
        }
        throw new IllegalStateException(process.name() + " not ready after " + timeout.toSeconds() + " s (last answer: "
                + last + "); the end of " + process.log() + ":\n" + process.logTail(30));
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
