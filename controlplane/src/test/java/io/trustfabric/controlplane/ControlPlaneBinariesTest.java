package io.trustfabric.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading testbin.properties: every binary must be listed and executable, or none is used. */
class ControlPlaneBinariesTest {

    private static final List<String> BINARIES = List.of("kube-apiserver", "kube-controller-manager", "etcd", "kubectl",
            "opa", "promtool");

    @Test
    void noPropertiesFileMeansNoBinaries(@TempDir Path dir) {
        assertThat(ControlPlaneBinaries.find(dir)).isEmpty();
    }

    @Test
    void allListedAndExecutableAreFound(@TempDir Path dir) throws Exception {
        writeProperties(dir, BINARIES);
        ControlPlaneBinaries found = ControlPlaneBinaries.find(dir).orElseThrow();
        assertThat(found.kubeApiServer()).isEqualTo(dir.resolve("kube-apiserver"));
        assertThat(found.opa()).isEqualTo(dir.resolve("opa"));
        assertThat(found.describe()).isEqualTo("Kubernetes 1.34.12, etcd 3.6.4, OPA 1.22.4, promtool 3.16.0");
    }

    @Test
    void oneMissingOrNotExecutableBinaryMeansNone(@TempDir Path dir) throws Exception {
        writeProperties(dir, BINARIES);
        Files.setPosixFilePermissions(dir.resolve("etcd"), PosixFilePermissions.fromString("rw-------"));
        assertThat(ControlPlaneBinaries.find(dir)).isEmpty();

        Files.setPosixFilePermissions(dir.resolve("etcd"), PosixFilePermissions.fromString("rwx------"));
        Files.delete(dir.resolve("promtool"));
        assertThat(ControlPlaneBinaries.find(dir)).isEmpty();
    }

    private static void writeProperties(Path dir, List<String> binaries) throws Exception {
        StringBuilder properties = new StringBuilder("kubernetes.version=1.34.12\netcd.version=3.6.4\n"
                + "opa.version=1.22.4\npromtool.version=3.16.0\n");
        for (String binary : binaries) {
            Path file = Files.writeString(dir.resolve(binary), "#!/bin/sh\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
            properties.append(binary).append('=').append(file).append('\n');
        }
        Files.writeString(dir.resolve("testbin.properties"), properties);
    }
}
