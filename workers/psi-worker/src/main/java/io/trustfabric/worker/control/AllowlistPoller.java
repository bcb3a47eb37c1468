package io.trustfabric.worker.control;

import io.trustfabric.worker.access.AllowlistParser;
import io.trustfabric.worker.access.InvalidAllowlistException;
import io.trustfabric.worker.access.PartnerAllowlist;
import io.trustfabric.worker.config.WorkerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a tenant's {@link PartnerDirectory} current: the static list of worker.json, then the mounted
 * partners.json at start, then {@code GET …/partners} of the control API every {@code partnerPollMillis}
 * with {@code If-None-Match}. When the control API is unreachable or answers garbage the last good
 * document stays in force (its {@code expires} times are still enforced by the worker's clock).
 */
public final class AllowlistPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AllowlistPoller.class);

    /** The control API's answer when the tenant has no rendered allowlist (deleted, invalid, not reconciled). */
    static final String NO_PARTNERS = "https://trustfabric.io/problems/control/no-partners";

    private final WorkerConfig config;
    private final PartnerDirectory directory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer;
    private String etag;
    private boolean failing;

    private AllowlistPoller(WorkerConfig config, PartnerDirectory directory) {
        this.config = config;
        this.directory = directory;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "allowlist-poller-" + config.tenant().name());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Loads the initial document and, if {@code control.url} is set, starts polling. */
    public static AllowlistPoller start(WorkerConfig config, PartnerDirectory directory) {
        AllowlistPoller poller = new AllowlistPoller(config, directory);
        poller.loadInitial();
        if (config.control().url() != null) {
            poller.timer.scheduleWithFixedDelay(poller::pollOnce, 0, config.control().partnerPollMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return poller;
    }

    private void loadInitial() {
        if (!config.partners().staticPartners().isEmpty()) {
            install(new PartnerAllowlist("static", config.partners().staticPartners()), "worker.json");
        }
        Path file = config.partners().path();
        if (file != null && Files.isRegularFile(file)) {
            try {
                install(AllowlistParser.parse(Files.readString(file, StandardCharsets.UTF_8)), file.toString());
            } catch (IOException | InvalidAllowlistException e) {
                LOG.warn("cannot load the partners document {}: {}", file, e.getMessage());
            }
        }
        if (directory.current().isEmpty()) {
            LOG.warn("tenant {} has no partners document yet: every query is refused until one is loaded",
                    config.tenant().id());
        }
    }

    /** One poll of the control API; public for tests that drive polling themselves. */
    public void pollOnce() {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(partnersUri())
                    .timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json")
                    .GET();
            String token = token();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 304) {
                recovered();
                return;
            }
            if (response.statusCode() == 404 && response.body().contains(NO_PARTNERS)) {
                withdrawAll();
                return;
            }
            if (response.statusCode() != 200) {
                failed("the control API answered " + response.statusCode());
                return;
            }
            install(AllowlistParser.parse(response.body()), "the control API");
            etag = response.headers().firstValue("ETag").orElse(null);
            recovered();
        } catch (IOException | InvalidAllowlistException e) {
            failed(e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed(e.toString());
        }
    }

    /** The operator says the tenant has no allowlist: serve no partner (an outage, by contrast, keeps the last one). */
    private void withdrawAll() {
        if (directory.current().map(a -> !a.partners().isEmpty()).orElse(true)) {
            LOG.warn("tenant {}: the control API has no allowlist for this tenant; no partner is served",
                    config.tenant().id());
        }
        directory.install(new PartnerAllowlist("none", java.util.List.of()));
        etag = null;
        recovered();
    }

    private URI partnersUri() {
        String base = config.control().url().toString().replaceAll("/+$", "");
        return URI.create(base + "/control/v1/namespaces/" + config.tenant().namespace() + "/tenants/"
                + config.tenant().name() + "/partners");
    }

    private String token() throws IOException {
        Path path = config.control().tokenPath();
        return path == null || !Files.isRegularFile(path) ? null : Files.readString(path, StandardCharsets.UTF_8).strip();
    }

    private void install(PartnerAllowlist allowlist, String from) {
        directory.install(allowlist);
        LOG.info("tenant {}: allowlist revision {} with {} partners from {}", config.tenant().id(),
                allowlist.revision(), allowlist.partners().size(), from);
    }

    private void failed(String why) {
        if (!failing) {
            LOG.warn("tenant {}: cannot refresh the allowlist ({}); keeping the last document", config.tenant().id(), why);
        }
        failing = true;
    }

    private void recovered() {
        if (failing) {
            LOG.info("tenant {}: the control API answers again", config.tenant().id());
        }
        failing = false;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
