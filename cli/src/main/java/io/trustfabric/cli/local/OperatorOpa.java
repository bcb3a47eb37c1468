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
import java.util.List;
import java.util.Map;

/**
 * The operator's own OPA in local mode (the chart's {@code opa.operatorSidecar} on a cluster): {@code opa run --server}
 * on a loopback port, without bundles. The operator checks user-written PolicyMacros with it and replays recorded
 * decisions against each new policy revision. Run through {@link ChildProcess}, whose watchdog stops it even when
 * tfctl is killed.
 */
final class OperatorOpa implements AutoCloseable {

    static final String LOG_FILE = "operator-opa.log";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ChildProcess process;
    private final int port;

    private OperatorOpa(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it and returns once it answers /health. */
    static OperatorOpa start(LocalOpa opa, Path workDir) {
        int port = FreePort.pick();
        Path log = workDir.resolve(LOG_FILE);
        ChildProcess process = ChildProcess.start("opa", List.of(opa.binary().toString(), "run", "--server",
                "--addr=127.0.0.1:" + port, "--disable-telemetry", "--log-level=error"), log, Map.of());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new LocalModeException("the operator's opa exited during start-up; see " + log + ": "
                            + process.logTail(5));
                }
                try {
                    HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/health")).timeout(Duration.ofSeconds(2)).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (health.statusCode() == 200) {
                        return new OperatorOpa(process, port);
                    }
                    last = "HTTP " + health.statusCode();
                } catch (IOException e) {
                    last = e.toString();
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.close();
            throw new LocalModeException("interrupted while starting the operator's opa");
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        process.close();
        throw new LocalModeException("the operator's opa did not answer /health within " + START_TIMEOUT.toSeconds()
                + " s (" + last + "); see " + log);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
