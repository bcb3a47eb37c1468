package io.trustfabric.operator.whatif.golden;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.psi.wire.SetupMessage;
import io.trustfabric.psi.wire.WireFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as the what-if partner of one shadow worker: fetches the setup, posts prepared request bytes and times
 * each exchange. Blinding is done once by the caller, so both sides get the same bytes.
 */
public final class ShadowWorkerClient {

    private static final String API_KEY_HEADER = "X-TrustFabric-Api-Key";

    private final HttpClient http;
    private final URI base;
    private final String apiKey;
    private final Duration timeout;

    public ShadowWorkerClient(HttpClient http, URI base, String apiKey, Duration timeout) {
        this.http = http;
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    public URI base() {
        return base;
    }

    /** The setup, its size on the wire and how long fetching it took. */
    public record FetchedSetup(SetupMessage setup, long bytes, double millis) {
    }

    /** An answer, or the problem that replaced it; {@code millis} is the whole exchange, body included. */
    public record Exchange(int status, byte[] body, String problemType, double millis) {
        public boolean ok() {
            return status == 200;
        }

        /** The problem's short name (e.g. {@code stale-key-epoch}), or the HTTP status when there is none. */
        public String problem() {
            if (problemType != null) {
                return problemType.substring(problemType.lastIndexOf('/') + 1);
            }
            return status == 0 ? "unreachable" : "http-" + status;
        }
    }

    public FetchedSetup setup() throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request("/v1/setup").header("Accept", PsiMediaTypes.SETUP_V1)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IOException("GET " + base + "/v1/setup answered " + response.statusCode() + " "
                    + problemType(response).orElse(""));
        }
        try {
            return new FetchedSetup(SetupMessage.decode(response.body()), response.body().length, millis);
        } catch (WireFormatException e) {
            throw new IOException("the setup of " + base + " is malformed: " + e.getMessage(), e);
        }
    }

    /** Posts {@code body} (an encoded element batch) to {@code /v1/<mode>}; a refusal is an answer, not an error. */
    public Exchange query(PsiMode mode, byte[] body) throws InterruptedException {
        HttpRequest request = request("/v1/" + mode.wireName())
                .header("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                .header("Accept", PsiMediaTypes.ELEMENTS_V1)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double millis = (System.nanoTime() - start) / 1e6;
            return new Exchange(response.statusCode(), response.body(), problemType(response).orElse(null), millis);
        } catch (IOException e) {
            return new Exchange(0, new byte[0], null, (System.nanoTime() - start) / 1e6);
        }
    }

    /** A gauge of {@code /metrics} for this worker's tenant, if the worker exports it. */
    public OptionalDouble gauge(String metric, String tenantId) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                return OptionalDouble.empty();
            }
            return PrometheusGauge.read(response.body(), metric, tenantId);
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header(API_KEY_HEADER, apiKey);
    }

    private static java.util.Optional<String> problemType(HttpResponse<byte[]> response) {
        if (response.statusCode() == 200) {
            return java.util.Optional.empty();
        }
        Matcher m = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]{1,200})\"")
                .matcher(new String(response.body(), StandardCharsets.UTF_8));
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return "ShadowWorkerClient[" + base + "]"; // never the API key
    }
}
