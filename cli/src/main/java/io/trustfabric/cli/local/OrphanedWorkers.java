package io.trustfabric.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Worker processes a previous local mode left behind (when tfctl was killed with SIGKILL and could not stop them).
 * Each worker gets a pid file in the work directory when it starts, {@code pids/<pod>.pid}, holding its pid and its
 * start time; the file goes when the worker is stopped. The next local mode on that directory stops every recorded
 * process that is still alive <em>and</em> started at the recorded time, so a pid the system has since given to
 * another program is never touched. The command line is not consulted: the JDK reads only its first 4,096
 * characters, and a worker's is longer.
 */
final class OrphanedWorkers {

    static final String PID_DIR = "pids";
    /** The start time as the kernel keeps it (clock ticks since boot, /proc/PID/stat): exact. */
    private static final String TICKS = "ticks:";
    /** Where /proc is not available: the JDK's start instant, which can drift by a second between readers. */
    private static final String INSTANT = "instant:";
    private static final long INSTANT_TOLERANCE_MILLIS = 2_000;

    private OrphanedWorkers() {
    }

    /** Writes the worker's pid file; returns it (delete it with {@link #forget(Path)} once the worker is stopped). */
    static Path record(Path workDir, String pod, ProcessHandle process) {
        return record(workDir, pod, process.pid(), startTime(process).orElse("unknown"));
    }

    /** Writes a pid file with the given start time (tests use it to stand for a pid that was reused). */
    static Path record(Path workDir, String pod, long pid, String startTime) {
        try {
            Path file = Files.createDirectories(workDir.resolve(PID_DIR)).resolve(pod + ".pid");
            Files.writeString(file, pid + " " + startTime + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record worker pid in " + workDir, e);
        }
    }

    static void forget(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a stale pid file only costs a check at the next start
        }
    }

    /**
     * Stops (SIGKILL) the recorded processes that are still the workers they were, removes every pid file, and returns
     * how many were stopped.
     */
    static int stopLeftBy(Path workDir) {
        Path dir = workDir.resolve(PID_DIR);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".pid")).toList();
        } catch (IOException e) {
            return 0;
        }
        int stopped = 0;
        for (Path file : files) {
            Optional<ProcessHandle> orphan = recordedAndAlive(file);
            if (orphan.isPresent()) {
                orphan.get().destroyForcibly();
                try {
                    orphan.get().onExit().get(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    // reported as stopped: SIGKILL was sent
                }
                stopped++;
            }
            forget(file);
        }
        return stopped;
    }

    /** The process the pid file names, if it is alive and started when the file says. */
    private static Optional<ProcessHandle> recordedAndAlive(Path file) {
        String[] fields;
        try {
            fields = Files.readString(file).trim().split(" ");
        } catch (IOException e) {
            return Optional.empty();
        }
        if (fields.length != 2 || !fields[0].matches("[0-9]+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(fields[0])).filter(ProcessHandle::isAlive)
                .filter(p -> startTime(p).map(now -> sameStart(fields[1], now)).orElse(false));
    }

    static boolean sameStart(String recorded, String now) {
        if (recorded.startsWith(INSTANT) && now.startsWith(INSTANT)) {
            try {
                long a = Long.parseLong(recorded.substring(INSTANT.length()));
                long b = Long.parseLong(now.substring(INSTANT.length()));
                return Math.abs(a - b) <= INSTANT_TOLERANCE_MILLIS;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return recorded.equals(now);
    }

    /** When the process started: kernel clock ticks since boot where /proc has them, else the JDK's instant. */
    static Optional<String> startTime(ProcessHandle process) {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String line = Files.readString(stat);
            // pid (comm) state ppid ...: comm may hold spaces and parentheses, so count from the last ')'
            String[] after = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            return Optional.of(TICKS + after[19]); // field 22, starttime
        } catch (IOException | RuntimeException e) {
            return process.info().startInstant().map(Instant::toEpochMilli).map(ms -> INSTANT + ms);
        }
    }
}
