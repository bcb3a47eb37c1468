package io.trustfabric.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root folder (the one holding crds/ and the parent pom), found from the working directory. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("crds")) && Files.isRegularFile(p.resolve("build-tools/test-binaries.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside a Trust Fabric checkout: " + dir);
    }
}
