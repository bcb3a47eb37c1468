package io.trustfabric.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Worker processes a previous local mode left behind (when tfctl was killed with SIGKILL and could not stop them):
 * their pids are recorded in the work directory and stopped by the next local mode that uses it.
 */
final class OrphanedWorkers {

    static final String PID_FILE = "worker.pids";

    private OrphanedWorkers() {
    }

    static void record(Path workDir, long pid) {
        try {
            Files.writeString(workDir.resolve(PID_FILE), pid + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record worker pid in " + workDir, e);
        }
    }

    /** Stops recorded processes that are still local workers of this work directory; returns how many. */
    static int stopLeftBy(Path workDir) {
        Path pidFile = workDir.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return 0;
        }
        List<String> pids;
        try {
            pids = Files.readAllLines(pidFile);
        } catch (IOException e) {
            return 0;
        }
        int stopped = 0;
        for (String pid : pids) {
            if (pid.isBlank()) {
                continue;
            }
            var handle = ProcessHandle.of(Long.parseLong(pid.trim()));
            if (handle.isPresent() && isOurWorker(handle.get(), workDir)) {
                handle.get().destroyForcibly();
                stopped++;
            }
        }
        return stopped;
    }

    /** Only a worker started for this work directory: never a process that merely reused the pid. */
    private static boolean isOurWorker(ProcessHandle process, Path workDir) {
        String commandLine = process.info().commandLine().orElse("");
        return commandLine.contains(WorkerLaunch.WORKER_MAIN) && commandLine.contains(workDir.toAbsolutePath().toString());
    }
}
