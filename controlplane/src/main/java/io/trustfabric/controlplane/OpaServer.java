package io.trustfabric.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code opa run --server} on a free loopback port, serving the given bundles (folders or .tar.gz files) or
 * configured by a configuration file (services, bundles, keys, decision_logs). Stopped by {@link #close()}.
 */
public final class OpaServer implements AutoCloseable {

    private final ChildProcess process;
    private final int port;
    private final HttpClient http;

    private OpaServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Serves these bundles (each a folder or a bundle .tar.gz). */
    public static OpaServer withBundles(ControlPlaneBinaries binaries, Path logDir, List<Path> bundles) {
        List<String> args = new ArrayList<>(List.of("--bundle"));
        bundles.forEach(b -> args.add(b.toString()));
        return start(binaries, logDir, args);
    }

    /**
     * Runs {@code opa run --server} with these arguments (e.g. {@code --bundle <dir>}, {@code --set ...}); returns once
     * {@code healthPath} answers 200 ({@code /health}: up; {@code /health?bundles}: every bundle activated).
     */
    public static OpaServer withArguments(ControlPlaneBinaries binaries, Path logDir, List<String> args,
                                          String healthPath) {
        return start(binaries, logDir, args, healthPath);
    }

    /**
     * Runs {@code opa run --server --config-file=<config>} plus {@code extraArgs} (e.g. {@code --set-file=...}); returns
     * once the server answers {@code /health}, whether or not its bundles are activated yet (see
     * {@link #awaitHealthy}).
     */
    public static OpaServer withConfig(ControlPlaneBinaries binaries, Path logDir, Path config, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("--config-file=" + config));
        args.addAll(extraArgs);
        return start(binaries, logDir, args, "/health");
    }

    private static OpaServer start(ControlPlaneBinaries binaries, Path logDir, List<String> args) {
        return start(binaries, logDir, args, "/health?bundles");
    }

    private static OpaServer start(ControlPlaneBinaries binaries, Path logDir, List<String> args, String healthPath) {
        int port = FreePort.pick();
        List<String> command = new ArrayList<>(List.of(binaries.opa().toString(), "run", "--server",
                "--addr=127.0.0.1:" + port, "--disable-telemetry", "--log-level=error"));
        command.addAll(args);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OpaServer server = new OpaServer(ChildProcess.start("opa", command, logDir.resolve("opa-" + port + ".log"),
                Map.of()), port);
        server.awaitHealth(healthPath, Duration.ofSeconds(60));
        return server;
    }

    /** http://127.0.0.1:PORT */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** POSTs {"input": input} to /v1/data/{path} and returns the response body (JSON, without the final newline). */
    public String decide(String path, String inputJson) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/v1/data/" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":" + inputJson + "}")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("OPA answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until /health?bundles answers 200 (every configured bundle activated). */
    public void awaitHealthy(Duration timeout) {
        awaitHealth("/health?bundles", timeout);
    }

    /** The last lines of OPA's log (stdout and stderr), for failure messages. */
    public String logTail(int lines) {
        return process.logTail(lines);
    }

    /** Waits until {@code healthPath} answers 200. */
    public void awaitHealth(String healthPath, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("opa exited during start-up:\n" + process.logTail(30));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + healthPath))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("opa not healthy after " + timeout.toSeconds() + " s (" + last + "):\n"
                + process.logTail(30));
    }

    @Override
    public void close() {
        process.close();
    }
}
