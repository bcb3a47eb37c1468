package io.trustfabric.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.trustfabric.controlplane.ControlPlane;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The test JVM's real control plane (see {@link RealKubernetes}): an admin client, the CRDs of {@code crds/},
 * per-test namespaces, clients for service accounts, kubectl, and the audit log of service-account requests.
 */
public final class TestCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final ControlPlane controlPlane;
    private final KubernetesClient admin;
    private final Path kubeconfig;
    /** Namespaces to delete, one list per open scope (a test class, a test method). */
    private final java.util.Deque<List<String>> scopes = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private TestCluster(ControlPlane controlPlane, KubernetesClient admin, Path kubeconfig) {
        this.controlPlane = controlPlane;
        this.admin = admin;
        this.kubeconfig = kubeconfig;
    }

    static TestCluster start(ControlPlaneBinaries binaries) {
        Path workDir = Path.of("target", "real-kubernetes").toAbsolutePath();
        ControlPlane plane = ControlPlane.builder(binaries).workDir(workDir).auditServiceAccounts(true)
                .progress(line -> System.err.println("[trust-fabric] " + line)).start();
        KubernetesClient admin = null;
        try {
            admin = new KubernetesClientBuilder().withConfig(config(plane, plane.adminToken())).build();
            Path kubeconfig = plane.writeAdminKubeconfig(workDir.resolve("kubeconfig"), "default");
            TestCluster cluster = new TestCluster(plane, admin, kubeconfig);
            cluster.applyCrds(RepositoryRoot.find().resolve("crds"));
            return cluster;
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close();
            }
            plane.close();
            throw e;
        }
    }

    private static Config config(ControlPlane plane, String token) {
        return new ConfigBuilder(Config.empty()).withMasterUrl(plane.url())
                .withCaCertData(Base64.getEncoder().encodeToString(plane.caCertificatePem().getBytes(StandardCharsets.US_ASCII)))
                .withOauthToken(token).withRequestTimeout(30_000).withConnectionTimeout(10_000)
                .withNamespace("default").build();
    }

    /** Applies (creates or replaces) every CRD in the folder and waits until each is Established. */
    public void applyCrds(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
                CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
                admin.apiextensions().v1().customResourceDefinitions().resource(crd).forceConflicts().serverSideApply();
                admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                        .waitUntilCondition(TestCluster::established, 60, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CRDs in " + folder, e);
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public ControlPlane controlPlane() {
        return controlPlane;
    }

    /** A client acting as cluster admin (group system:masters); owned by the cluster, do not close it. */
    public KubernetesClient admin() {
        return admin;
    }

    /** A fresh namespace named prefix-N-xxxx, deleted at the end of the current test (or test class, from @BeforeAll). */
    public String createNamespace(String prefix) {
        String base = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String name = (base.length() > 40 ? base.substring(0, 40) : base) + "-" + NAMESPACES.incrementAndGet() + "-"
                + Long.toString(System.nanoTime() & 0xfffff, 36);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("trustfabric.io/test-namespace", "true").endMetadata().build()).create();
        List<String> scope = scopes.peekFirst();
        if (scope != null) {
            scope.add(name);
        }
        return name;
    }

    /** Creates a namespace that outlives the test (for fixtures shared by a class); idempotent. */
    public void ensureNamespace(String name) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .serverSideApply();
    }

    void openScope() {
        scopes.addFirst(new CopyOnWriteArrayList<>());
    }

    /** Deletes the namespaces made in the innermost scope (in the background: the namespace controller empties them). */
    void closeScope() {
        List<String> names = scopes.pollFirst();
        if (names == null) {
            return;
        }
        for (String name : names) {
            admin.namespaces().withName(name).delete();
        }
    }

    /** Creates the service account if missing and returns a client authenticated with a fresh token for it. */
    public KubernetesClient clientFor(String namespace, String serviceAccount) {
        return new KubernetesClientBuilder().withConfig(configFor(namespace, serviceAccount)).build();
    }

    /** Client configuration with a fresh one-hour token (TokenRequest API) of the service account. */
    public Config configFor(String namespace, String serviceAccount) {
        ensureNamespace(namespace);
        admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName(serviceAccount).withNamespace(namespace).endMetadata().build()).serverSideApply();
        TokenRequest request = admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build());
        return config(controlPlane, request.getStatus().getToken());
    }

    /** The admin kubeconfig file, for kubectl. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Runs the kubectl built with the control plane (admin kubeconfig) and returns its exit code and output. */
    public CommandResult kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(controlPlane.binaries().kubectl().toString(),
                "--kubeconfig=" + kubeconfig));
        command.addAll(List.of(args));
        return CommandResult.run(command, Duration.ofSeconds(60));
    }

    /** Audit events (Metadata level) of service-account requests received at or after the instant. */
    public List<JsonNode> auditEventsSince(Instant since) {
        Path log = controlPlane.auditLog().orElseThrow(() -> new IllegalStateException("audit log is off"));
        List<JsonNode> events = new ArrayList<>();
        try {
            if (!Files.exists(log)) {
                return events;
            }
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                if (!Instant.parse(event.path("requestReceivedTimestamp").asText()).isBefore(since)) {
                    events.add(event);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + log, e);
        }
        return events;
    }

    @Override
    public void close() {
        try {
            admin.close();
        } finally {
            controlPlane.close();
        }
    }
}
