package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where local mode finds opa: TF_OPA_BINARY (or none), then testbin.properties, then the PATH. */
class LocalOpaTest {

    @TempDir
    Path tmp;

    @Test
    void theVariableWinsThenTestbinThenThePath() throws Exception {
        Path chosen = fakeOpa(tmp.resolve("chosen"), "1.0.1");
        Path built = fakeOpa(tmp.resolve("testbin/opa-v1.22.4"), "1.22.4");
        Path onPath = fakeOpa(tmp.resolve("bin"), "0.70.0");
        Path testbin = tmp.resolve("testbin");
        Files.writeString(testbin.resolve("testbin.properties"), "opa=" + built + "\nopa.version=1.22.4\n");
        String path = tmp.resolve("empty") + ":" + onPath.getParent();

        LocalOpa explicit = LocalOpa.find(new LocalOpa.Lookup(Map.of(LocalOpa.VARIABLE, chosen.toString(),
                "PATH", path), testbin)).orElseThrow();
        assertThat(explicit).isEqualTo(new LocalOpa(chosen, "1.0.1", LocalOpa.VARIABLE));

        LocalOpa fromTestbin = LocalOpa.find(new LocalOpa.Lookup(Map.of("PATH", path), testbin)).orElseThrow();
        assertThat(fromTestbin.binary()).isEqualTo(built);
        assertThat(fromTestbin.version()).isEqualTo("1.22.4");

        LocalOpa fromPath = LocalOpa.find(new LocalOpa.Lookup(Map.of("PATH", path), tmp.resolve("nothing")))
                .orElseThrow();
        assertThat(fromPath).isEqualTo(new LocalOpa(onPath, "0.70.0", "PATH"));
    }

    @Test
    void noneHidesEveryOpaAndSaysSo() throws Exception {
        Path onPath = fakeOpa(tmp.resolve("bin"), "1.22.4");
        LocalOpa.Lookup hidden = new LocalOpa.Lookup(Map.of(LocalOpa.VARIABLE, "none", "PATH",
                onPath.getParent().toString()), tmp);
        assertThat(LocalOpa.find(hidden)).isEmpty();
        assertThat(LocalOpa.describeMissing(hidden)).startsWith("hidden by TF_OPA_BINARY=none. Policy is unavailable: ")
                .endsWith("To install OPA: install Go 1.26+ and run build-tools/test-binaries.sh (builds OPA with the "
                        + "real API server's binaries)");

        LocalOpa.Lookup nowhere = new LocalOpa.Lookup(Map.of("PATH", tmp.resolve("empty").toString()), tmp);
        assertThat(LocalOpa.find(nowhere)).isEmpty();
        assertThat(LocalOpa.describeMissing(nowhere)).startsWith("not found (TF_OPA_BINARY unset, no opa in "
                + tmp.resolve("testbin.properties") + ", none on the PATH)");
    }

    @Test
    void aVariableNamingNoExecutableIsAnError() {
        LocalOpa.Lookup wrong = new LocalOpa.Lookup(Map.of(LocalOpa.VARIABLE, tmp.resolve("missing").toString()), tmp);
        assertThatThrownBy(() -> LocalOpa.find(wrong)).isInstanceOf(LocalModeException.class)
                .hasMessageContaining("is not an executable file").hasMessageContaining("TF_OPA_BINARY=none");
    }

    /** A script answering "opa version" like opa does. */
    static Path fakeOpa(Path dir, String version) throws IOException {
        Files.createDirectories(dir);
        Path opa = dir.resolve("opa");
        Files.writeString(opa, "#!/bin/sh\necho 'Version: " + version + "'\necho 'Build Commit: x'\n");
        Files.setPosixFilePermissions(opa, PosixFilePermissions.fromString("rwxr-xr-x"));
        return opa;
    }
}
