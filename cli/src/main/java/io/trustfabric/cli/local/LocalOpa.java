package io.trustfabric.cli.local;

import io.trustfabric.controlplane.ControlPlaneBinaries;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The {@code opa} binary local mode runs next to every local worker (what the pod's {@code opa} sidecar is on a
 * cluster). Looked up in this order, first hit wins:
 * <ol>
 *   <li>{@code TF_OPA_BINARY}: an explicit choice; the value {@code none} hides OPA (as if it were not installed),</li>
 *   <li>{@code opa} in {@code testbin.properties} ({@code build-tools/test-binaries.sh}): the version the tests use,</li>
 *   <li>{@code opa} on the {@code PATH}.</li>
 * </ol>
 */
record LocalOpa(Path binary, String version, String source) {

    /** The variable that names the binary (or hides it with {@value #NONE}); also passed on to local workers. */
    static final String VARIABLE = LocalMode.OPA_BINARY_VARIABLE;
    static final String NONE = "none";
    /** The one command that installs OPA (with the real API server's binaries; there is no OPA-only mode). */
    static final String INSTALL_COMMAND = ControlPlaneBinaries.INSTALL_COMMAND;
    static final String INSTALL_HINT = "install Go 1.26+ and run " + INSTALL_COMMAND
            + " (builds OPA with the real API server's binaries)";
    /** What a worker without OPA does, in the words of docs/decisions/policies.md. */
    static final String WITHOUT_OPA = "tenants governed by a TrustPolicy refuse every query (503 policy-unavailable); "
            + "tenants without one are answered unchecked, with a Warning header";

    /** Where to look: the environment (TF_OPA_BINARY, PATH) and the testbin cache folder. */
    record Lookup(Map<String, String> env, Path testbinDir) {
        static Lookup fromSystem() {
            return new Lookup(System.getenv(), ControlPlaneBinaries.cacheDir());
        }
    }

    /** The binary, or empty when hidden ({@code TF_OPA_BINARY=none}) or not found anywhere. */
    static Optional<LocalOpa> find(Lookup lookup) {
        String configured = lookup.env().get(VARIABLE);
        if (configured != null && !configured.isBlank()) {
            if (configured.strip().equalsIgnoreCase(NONE)) {
                return Optional.empty();
            }
            Path path = Path.of(configured.strip());
            if (!Files.isExecutable(path)) {
                throw new LocalModeException(VARIABLE + "=" + configured + " is not an executable file (use "
                        + VARIABLE + "=" + NONE + " to run without OPA)");
            }
            return Optional.of(new LocalOpa(path, versionOf(path), VARIABLE));
        }
        Optional<LocalOpa> testbin = fromTestbin(lookup.testbinDir());
        if (testbin.isPresent()) {
            return testbin;
        }
        String pathVariable = lookup.env().getOrDefault("PATH", "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "opa");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new LocalOpa(candidate, versionOf(candidate), "PATH"));
            }
        }
        return Optional.empty();
    }

    /** Why find() was empty, for the start-up line. */
    static String whyMissing(Lookup lookup) {
        String configured = lookup.env().get(VARIABLE);
        if (configured != null && configured.strip().equalsIgnoreCase(NONE)) {
            return "hidden by " + VARIABLE + "=" + NONE;
        }
        return "not found (" + VARIABLE + " unset, no opa in " + lookup.testbinDir().resolve("testbin.properties")
                + ", none on the PATH)";
    }

    private static Optional<LocalOpa> fromTestbin(Path dir) {
        Path file = dir.resolve("testbin.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String opa = p.getProperty("opa");
        if (opa == null || !Files.isExecutable(Path.of(opa))) {
            return Optional.empty();
        }
        return Optional.of(new LocalOpa(Path.of(opa), p.getProperty("opa.version", "?"), file.toString()));
    }

    /** "1.22.4" from {@code opa version} ("Version: 1.22.4"), or "?" when it does not say. */
    static String versionOf(Path binary) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "?";
            }
            return out.lines().filter(l -> l.startsWith("Version:")).map(l -> l.substring("Version:".length()).strip())
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** The start-up line after "OPA: ". */
    String describe() {
        return binary + " (v" + version + ", from " + source + "): one OPA process next to every local worker";
    }

    /** The start-up line after "OPA: " when there is none. */
    static String describeMissing(Lookup lookup) {
        return whyMissing(lookup) + ". Policy is unavailable: " + WITHOUT_OPA + ". To install OPA: " + INSTALL_HINT;
    }
}
