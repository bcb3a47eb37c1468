package io.trustfabric.cli.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The classpath of local worker processes. tfctl runs the embedded API server on Vert.x 4 while the worker is built on
 * Vert.x 5, so a worker gets worker-lib/ (the worker jar, Vert.x 5, Netty 4.2; copied there by the build) followed by
 * tfctl's own jars without their Vert.x and Netty.
 */
final class WorkerClasspath {

    static final String WORKER_LIB_PROPERTY = "tfctl.worker.lib";

    private WorkerClasspath() {
    }

    /** worker-lib beside tfctl's jar (or beside target/classes when run from the build); -Dtfctl.worker.lib overrides. */
    static Path workerLib() {
        String override = System.getProperty(WORKER_LIB_PROPERTY);
        if (override != null) {
            return Path.of(override);
        }
        try {
            Path codeSource = Path.of(WorkerClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return codeSource.toAbsolutePath().getParent().resolve("worker-lib");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The worker jar in worker-lib, if the build put it there. */
    static Optional<Path> workerJar() {
        return jars(workerLib()).stream().filter(p -> p.getFileName().toString().startsWith("psi-worker")).findFirst();
    }

    static String build() {
        Set<String> entries = new LinkedHashSet<>();
        jars(workerLib()).forEach(p -> entries.add(p.toString()));
        for (Path entry : expanded(System.getProperty("java.class.path"))) {
            String name = entry.getFileName().toString();
            if (!name.startsWith("vertx-") && !name.startsWith("netty-") && !name.startsWith("psi-worker")) {
                entries.add(entry.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Classpath entries as absolute paths, with jars' manifest Class-Path (as used by `java -jar`) followed. */
    static List<Path> expanded(String classpath) {
        List<Path> result = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path path = Path.of(entry).toAbsolutePath();
                result.add(path);
                result.addAll(manifestClassPath(path));
            }
        }
        return result;
    }

    private static List<Path> manifestClassPath(Path jar) {
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return List.of();
            }
            List<Path> entries = new ArrayList<>();
            for (String ref : classPath.trim().split("\\s+")) {
                entries.add(ref.startsWith("file:") ? Path.of(URI.create(ref)) : jar.getParent().resolve(ref).normalize());
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }

    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toAbsolutePath)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
