package io.trustfabric.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanedWorkersTest {

    @TempDir
    Path workDir;

    @Test
    void stopsRecordedWorkersOfThisWorkDirectoryAndNothingElse() throws Exception {
        Process orphan = new ProcessBuilder("bash", "-c", "sleep 600; exit 0", WorkerLaunch.WORKER_MAIN,
                workDir.resolve("acme-psi").toString()).start();
        Process stranger = new ProcessBuilder("sleep", "600").start();
        try {
            OrphanedWorkers.record(workDir, orphan.pid());
            OrphanedWorkers.record(workDir, stranger.pid());

            assertThat(OrphanedWorkers.stopLeftBy(workDir)).isEqualTo(1);
            assertThat(orphan.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stranger.isAlive()).as("a process that is not our worker is never touched").isTrue();
        } finally {
            orphan.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    @Test
    void nothingRecordedNothingStopped() {
        assertThat(OrphanedWorkers.stopLeftBy(workDir)).isZero();
    }
}
