package io.trustfabric.cli.local;

import io.trustfabric.controlplane.ChildProcess;
import io.trustfabric.controlplane.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One replica of a worker Deployment, run as a child JVM on a loopback port, with its own OPA process when the pod
 * has an OPA sidecar and the opa binary is installed (started and healthy before the worker, stopped after it).
 */
final class LocalWorkerProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration OPA_START_TIMEOUT = Duration.ofSeconds(30);

    private final String podName;
    private final int port;
    private final Path logFile;
    private final Process process;
    private final ChildProcess opa;
    private final int opaPort;
    private volatile boolean ready;
    private volatile Path pidFile;

    private LocalWorkerProcess(String podName, int port, Path logFile, Process process, ChildProcess opa, int opaPort) {
        this.podName = podName;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
        this.opa = opa;
        this.opaPort = opaPort;
    }

    static LocalWorkerProcess start(WorkerLaunch launch, String podName, int port, Path logFile) {
        ChildProcess opa = null;
        int opaPort = 0;
        if (launch.opa().isPresent()) {
            opaPort = FreePort.pick();
            opa = startOpa(launch.opa().get(), opaPort, opaLog(logFile));
        }
        try {
            String opaUrl = opa == null ? null : "http://127.0.0.1:" + opaPort;
            return new LocalWorkerProcess(podName, port, logFile,
                    launch.processFor(podName, port, logFile, opaUrl).start(), opa, opaPort);
        } catch (IOException | RuntimeException e) {
            if (opa != null) {
                opa.close();
            }
            throw new LocalModeException("cannot start worker " + podName + ": " + e.getMessage(), e);
        }
    }

    /** {@code <pod>.log} gets its OPA's log beside it: {@code <pod>-opa.log}. */
    static Path opaLog(Path workerLog) {
        String name = workerLog.getFileName().toString();
        return workerLog.resolveSibling(name.replaceFirst("\\.log$", "") + "-opa.log");
    }

    /**
     * Runs OPA through {@link ChildProcess}, whose watchdog stops it within seconds even when tfctl is killed with
     * SIGKILL; returns once OPA answers /health (its bundles may still be loading: the worker's readiness waits for
     * /health?bundles, as on a cluster).
     */
    private static ChildProcess startOpa(OpaLaunch launch, int port, Path log) {
        ChildProcess opa = ChildProcess.start("opa", launch.command(port), log, Map.of());
        long deadline = System.nanoTime() + OPA_START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!opa.isAlive()) {
                throw new LocalModeException("opa exited during start-up; see " + log + ": " + opa.logTail(5));
            }
            try {
                HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health")).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return opa;
                }
                last = "HTTP " + health.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                opa.close();
                throw new LocalModeException("interrupted while starting opa");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                opa.close();
                throw new LocalModeException("interrupted while starting opa");
            }
        }
        opa.close();
        throw new LocalModeException("opa did not answer /health within " + OPA_START_TIMEOUT.toSeconds() + " s ("
                + last + "); see " + log);
    }

    String podName() {
        return podName;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    /** The pid file that lets the next local mode stop this worker if this one is killed; removed at stop. */
    void pidFile(Path file) {
        this.pidFile = file;
    }

    int port() {
        return port;
    }

    /** Why the replica is down: "code N" when the worker exited, else its OPA's exit. */
    String exitDescription() {
        if (!process.isAlive()) {
            return "code " + process.exitValue();
        }
        return "its OPA exited";
    }

    /** The worker, and its OPA when it has one: a replica whose OPA died is as good as crashed. */
    boolean isAlive() {
        return process.isAlive() && (opa == null || opa.isAlive());
    }

    /** The port of this replica's OPA; empty when the worker runs without one. */
    Optional<Integer> opaPort() {
        return opa == null ? Optional.empty() : Optional.of(opaPort);
    }

    Optional<Path> opaLogFile() {
        return opa == null ? Optional.empty() : Optional.of(opa.log());
    }

    /** The OPA process, for shutdown checks; empty without one. */
    Optional<ChildProcess> opaProcess() {
        return Optional.ofNullable(opa);
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Asks GET /readyz, as a kubelet readiness probe would; the answer is remembered for {@link #isReady()}. */
    boolean probe() {
        if (!process.isAlive()) {
            ready = false;
            return false;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/readyz"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            ready = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            ready = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready = false;
        }
        return ready;
    }

    boolean isReady() {
        return ready && process.isAlive();
    }

    /** SIGTERM, then SIGKILL if the worker has not exited within the grace period; then its OPA the same way. */
    void stop(Duration grace) {
        ready = false;
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            if (opa != null) {
                opa.close();
            }
            if (pidFile != null && !process.isAlive()) {
                OrphanedWorkers.forget(pidFile);
            }
        }
    }
}
