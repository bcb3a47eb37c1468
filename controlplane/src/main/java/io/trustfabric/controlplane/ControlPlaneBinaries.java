package io.trustfabric.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The real binaries {@code build-tools/test-binaries.sh} built, as listed in {@code testbin.properties} of its cache
 * folder: {@code TF_TESTBIN_DIR} (environment) or {@code trustfabric.testbin.dir} (system property), else
 * {@code ${XDG_CACHE_HOME:-~/.cache}/trust-fabric/testbin}.
 */
public record ControlPlaneBinaries(Path kubeApiServer, Path kubeControllerManager, Path etcd, Path kubectl, Path opa,
                                   Path promtool, String kubernetesVersion, String etcdVersion, String opaVersion,
                                   String promtoolVersion) {

    /** The command that installs the binaries, for messages where they are missing. */
    public static final String INSTALL_COMMAND = "build-tools/test-binaries.sh";
    public static final String INSTALL_HINT = "install Go 1.26+ and run " + INSTALL_COMMAND
            + " (./mvnw verify runs it when Go is installed)";

    /** The binaries, or empty with {@link #whyMissing()} saying why. */
    public static Optional<ControlPlaneBinaries> find() {
        return find(cacheDir());
    }

    static Optional<ControlPlaneBinaries> find(Path dir) {
        return Optional.ofNullable(load(dir).binaries);
    }

    /** Why {@link #find()} is empty ("" when it is not). */
    public static String whyMissing() {
        Path dir = cacheDir();
        Loaded loaded = load(dir);
        return loaded.binaries != null ? "" : loaded.problem + "; " + INSTALL_HINT;
    }

    public static Path cacheDir() {
        String configured = System.getenv("TF_TESTBIN_DIR");
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("trustfabric.testbin.dir");
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("trust-fabric").resolve("testbin");
    }

    private record Loaded(ControlPlaneBinaries binaries, String problem) {
    }

    private static Loaded load(Path dir) {
        Path file = dir.resolve("testbin.properties");
        if (!Files.isRegularFile(file)) {
            return new Loaded(null, "no " + file);
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of("kube-apiserver", "kube-controller-manager", "etcd", "kubectl", "opa", "promtool")) {
            String path = p.getProperty(key);
            if (path == null || !Files.isExecutable(Path.of(path))) {
                missing.add(key + (path == null ? "" : " (" + path + ")"));
            }
        }
        if (!missing.isEmpty()) {
            return new Loaded(null, file + " lists missing binaries: " + String.join(", ", missing));
        }
        return new Loaded(new ControlPlaneBinaries(Path.of(p.getProperty("kube-apiserver")),
                Path.of(p.getProperty("kube-controller-manager")), Path.of(p.getProperty("etcd")),
                Path.of(p.getProperty("kubectl")), Path.of(p.getProperty("opa")), Path.of(p.getProperty("promtool")),
                p.getProperty("kubernetes.version", "?"), p.getProperty("etcd.version", "?"),
                p.getProperty("opa.version", "?"), p.getProperty("promtool.version", "?")), "");
    }

    /** "kube-apiserver 1.34.12, etcd 3.6.4" and so on, for logs. */
    public String describe() {
        return "Kubernetes " + kubernetesVersion + ", etcd " + etcdVersion + ", OPA " + opaVersion + ", promtool "
                + promtoolVersion;
    }
}
