package io.trustfabric.operator.whatif;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The what-if reports, served from an informer cache of the report ConfigMaps: {@code GET
 * /whatif/{namespace}/{name}/report.html} answers the ConfigMap's {@code report.html} bytes, anything else under
 * /whatif/ a 404 problem+json.
 */
public final class ScenarioReports implements HttpHandler, AutoCloseable {

    public static final String PATH_PREFIX = "/whatif/";
    private static final Pattern PATH = Pattern.compile("/whatif/([a-z0-9][a-z0-9-]{0,62})/([a-z0-9][a-z0-9.-]{0,252})"
            + "/report\\.html");

    private final List<SharedIndexInformer<ConfigMap>> informers;

    private ScenarioReports(List<SharedIndexInformer<ConfigMap>> informers) {
        this.informers = informers;
    }

    public static ScenarioReports start(KubernetesClient client, Set<String> namespaces) {
        List<SharedIndexInformer<ConfigMap>> informers = new ArrayList<>();
        if (namespaces.isEmpty()) {
            informers.add(client.configMaps().inAnyNamespace()
                    .withLabel("app.kubernetes.io/component", ScenarioReportConfigMap.COMPONENT).inform());
        } else {
            for (String namespace : namespaces) {
                informers.add(client.configMaps().inNamespace(namespace)
                        .withLabel("app.kubernetes.io/component", ScenarioReportConfigMap.COMPONENT).inform());
            }
        }
        return new ScenarioReports(informers);
    }

    /** The report of scenario {@code namespace/name}, if its ConfigMap is in the cache. */
    public Optional<String> find(String namespace, String scenario) {
        String key = Cache.namespaceKeyFunc(namespace, ScenarioReportConfigMap.name(scenario));
        for (SharedIndexInformer<ConfigMap> informer : informers) {
            ConfigMap map = informer.getStore().getByKey(key);
            if (map != null && map.getData() != null && map.getData().get(ScenarioReport.HTML_KEY) != null) {
                return Optional.of(map.getData().get(ScenarioReport.HTML_KEY));
            }
        }
        return Optional.empty();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().add("Allow", "GET, HEAD");
            problem(exchange, 405, "method-not-allowed", "Method not allowed", "Reports are read with GET.");
            return;
        }
        Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
        Optional<String> report = matcher.matches() ? find(matcher.group(1), matcher.group(2)) : Optional.empty();
        if (report.isEmpty()) {
            problem(exchange, 404, "report-not-found", "No what-if report here", "Use /whatif/{namespace}/{scenario}"
                    + "/report.html for a WhatIfScenario that succeeded (its ConfigMap <scenario>-whatif).");
            return;
        }
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        send(exchange, 200, "text/html; charset=utf-8", report.get().getBytes(StandardCharsets.UTF_8));
    }

    private static void problem(HttpExchange exchange, int status, String type, String title, String detail)
            throws IOException {
        String body = "{\"type\":\"https://trustfabric.io/problems/whatif/" + type + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}\n";
        send(exchange, status, "application/problem+json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
