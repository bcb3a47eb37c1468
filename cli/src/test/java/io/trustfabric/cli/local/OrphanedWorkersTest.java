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
    void stopsRecordedWorkersAndNeverAProcessThatReusedARecordedPid() throws Exception {
        Process orphan = new ProcessBuilder("bash", "-c", "sleep 600; exit 0", WorkerLaunch.WORKER_MAIN,
                workDir.resolve("acme-psi").toString()).start();
        Process stranger = new ProcessBuilder("sleep", "600").start();
        try {
            OrphanedWorkers.record(workDir, "acme-psi-1", orphan.toHandle());
            String strangerStart = OrphanedWorkers.startTime(stranger.toHandle()).orElseThrow();
            // as if a worker had this pid once, and the system gave it to another program after the worker died
            OrphanedWorkers.record(workDir, "acme-psi-2", stranger.pid(), strangerStart.startsWith("ticks:")
                    ? "ticks:1" : "instant:0");

            assertThat(OrphanedWorkers.stopLeftBy(workDir)).isEqualTo(1);
            assertThat(orphan.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stranger.isAlive()).as("a process that merely reused the pid is never touched").isTrue();
            assertThat(workDir.resolve(OrphanedWorkers.PID_DIR)).as("pid files cleaned").isEmptyDirectory();
        } finally {
            orphan.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    @Test
    void stopsAnOrphanWhoseCommandLineIsLongerThanWhatTheJdkReads() throws Exception {
        String longClasspath = String.join(":", java.util.Collections.nCopies(120,
                "/home/someone/.m2/repository/io/trustfabric/psi-core/0.1.0-SNAPSHOT/psi-core.jar"));
        assertThat(longClasspath.length()).isGreaterThan(8_000);
        Process orphan = new ProcessBuilder("bash", "-c", "sleep 600; exit 0", "-cp", longClasspath,
                WorkerLaunch.WORKER_MAIN, "--config", workDir.resolve("acme-psi/worker.json").toString()).start();
        try {
            OrphanedWorkers.record(workDir, "acme-psi-5fd7546b-fxmlt", orphan.toHandle());

            assertThat(OrphanedWorkers.stopLeftBy(workDir)).isEqualTo(1);
            assertThat(orphan.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void nothingRecordedNothingStopped() {
        assertThat(OrphanedWorkers.stopLeftBy(workDir)).isZero();
    }
}
