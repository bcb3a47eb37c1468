package io.trustfabric.operator.sla;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Reads one replica's {@code GET /metrics}, bounded in time and size. */
public class MetricsScraper {

    static final int MAX_BYTES = 8 * 1024 * 1024;

    private final HttpClient http;
    private final Duration timeout;

    public MetricsScraper(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @throws IOException when the replica cannot be read or its answer is not valid text format */
    public List<PrometheusText.Sample> scrape(URI base) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/metrics")).timeout(timeout)
                .header("Accept", "text/plain;version=0.0.4").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(base + "/metrics answered " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException(base + "/metrics is larger than " + MAX_BYTES + " bytes");
            }
            return PrometheusText.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (PrometheusText.MalformedExposition e) {
            throw new IOException(base + "/metrics is not Prometheus text format: " + e.getMessage(), e);
        }
    }
}
