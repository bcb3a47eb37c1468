package io.trustfabric.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One replica of a worker Deployment, run as a child JVM on a loopback port. */
final class LocalWorkerProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String podName;
    private final int port;
    private final Path logFile;
    private final Process process;
    private volatile boolean ready;

    private LocalWorkerProcess(String podName, int port, Path logFile, Process process) {
        this.podName = podName;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    static LocalWorkerProcess start(WorkerLaunch launch, String podName, int port, Path logFile) {
        try {
            return new LocalWorkerProcess(podName, port, logFile, launch.processFor(podName, port, logFile).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker " + podName, e);
        }
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

    boolean isAlive() {
        return process.isAlive();
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

    /** SIGTERM, then SIGKILL if the worker has not exited within the grace period. */
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
        }
    }
}
