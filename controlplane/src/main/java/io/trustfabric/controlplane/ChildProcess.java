package io.trustfabric.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A server binary run as a child of this JVM, its output in a log file. It is stopped with SIGTERM (then SIGKILL)
 * on {@link #close()}, at JVM shutdown, and, through a small shell watchdog, also when this JVM dies without running
 * its shutdown hooks (kill -9, a killed test fork), so no etcd or API server outlives the build.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** Runs "$@", stops it on TERM, and stops it when the JVM (pid $TF_PARENT_PID) is gone. */
    private static final String WATCHDOG = """
            "$@" &
            child=$!
            trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 143' TERM INT HUP
            while kill -0 "$child" 2>/dev/null; do
              if ! kill -0 "$TF_PARENT_PID" 2>/dev/null; then
                kill -TERM "$child" 2>/dev/null; sleep 5; kill -KILL "$child" 2>/dev/null; exit 1
              fi
              sleep 1 & wait $!
            done
            wait "$child"
            """;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(ChildProcess::close),
                "trustfabric-child-processes"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts the command with its standard output and error appended to the log file. */
    public static ChildProcess start(String name, List<String> command, Path log, Map<String, String> environment) {
        List<String> wrapped = new ArrayList<>();
        boolean watchdog = Files.isExecutable(Path.of("/bin/bash"));
        if (watchdog) {
            wrapped.addAll(List.of("/bin/bash", "-c", WATCHDOG, name));
        }
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("TF_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "# " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ChildProcess child = new ChildProcess(name, builder.start(), log);
            RUNNING.add(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The last lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the process: SIGTERM, and SIGKILL after a grace period. */
    @Override
    public void close() {
        RUNNING.remove(this);
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
