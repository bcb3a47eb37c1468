package io.trustfabric.psi.client;

import io.trustfabric.psi.group.InvalidElementException;
import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PackedElements;
import io.trustfabric.psi.protocol.PartnerQuery;
import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.MessageKind;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.psi.wire.SetupMessage;
import io.trustfabric.psi.wire.WireFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The partner's PSI client: fetches the worker's setup (cached by ETag), blinds items, sends them,
 * checks the answer (kind, key epoch, element count, valid group elements) and unblinds it.
 * If the worker rotated its key between setup and query (409 stale-key-epoch) the client refetches
 * the setup and retries once.
 */
public final class PsiClient {
    public static final String STALE_KEY_EPOCH = "https://trustfabric.io/problems/stale-key-epoch";

    private final URI endpoint;
    private final PrimeOrderGroup group;
    private final HttpClient http;
    private final Duration timeout;
    private final Normalization requiredNormalization;
    private final SecureRandom random = new SecureRandom();
    private CachedSetup cachedSetup;

    private record CachedSetup(String etag, SetupMessage setup) {
    }

    private PsiClient(URI endpoint, PrimeOrderGroup group, HttpClient http, Duration timeout,
                      Normalization requiredNormalization) {
        this.endpoint = endpoint;
        this.group = group;
        this.http = http;
        this.timeout = timeout;
        this.requiredNormalization = requiredNormalization;
    }

    /**
     * A client for the worker at {@code endpoint} (e.g. {@code https://psi.example.com}).
     *
     * @param requiredNormalization if non-null, the normalization the caller's items expect; the client
     *                              refuses to query a worker that announces a different one
     */
    public static PsiClient create(URI endpoint, PrimeOrderGroup group, Normalization requiredNormalization) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return new PsiClient(endpoint, group, http, Duration.ofSeconds(60), requiredNormalization);
    }

    /** PSI-CA: how many of {@code items} the tenant also has (up to the setup's false-positive rate). */
    public int cardinality(List<String> items) {
        return withEpochRetry(() -> {
            Exchange exchange = query(PsiMode.PSI_CA, items);
            return exchange.query().countMatches(exchange.answer(), exchange.setup().digest());
        });
    }

    /** PSI: which of {@code items} the tenant also has, in input order. */
    public List<String> intersection(List<String> items) {
        return withEpochRetry(() -> {
            Exchange exchange = query(PsiMode.PSI, items);
            return exchange.query().matchingItems(exchange.answer(), exchange.setup().digest());
        });
    }

    /** The worker's current setup, refetched only when its ETag changed. */
    public synchronized SetupMessage setup() {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/v1/setup"))
                .timeout(timeout)
                .header("Accept", PsiMediaTypes.SETUP_V1)
                .GET();
        if (cachedSetup != null) {
            request.header("If-None-Match", cachedSetup.etag());
        }
        HttpResponse<byte[]> response = send(request.build());
        if (response.statusCode() == 304 && cachedSetup != null) {
            return cachedSetup.setup();
        }
        requireSuccess(response, PsiMediaTypes.SETUP_V1);
        SetupMessage setup;
        try {
            setup = SetupMessage.decode(response.body());
        } catch (WireFormatException e) {
            throw new PsiProtocolException("the worker's setup is malformed: " + e.getMessage(), e);
        }
        String etag = response.headers().firstValue("ETag").orElse(null);
        cachedSetup = etag == null ? null : new CachedSetup(etag, setup);
        return setup;
    }

    private record Exchange(SetupMessage setup, PartnerQuery query, PackedElements answer) {
    }

    private Exchange query(PsiMode mode, List<String> items) {
        SetupMessage setup = setup();
        checkNormalization(setup.normalization());
        PartnerQuery query = PartnerQuery.blind(group, setup.context(), setup.normalization(), items, random);
        byte[] body = ElementBatch.query(query.epoch(), query.blinded()).encode();
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/v1/" + mode.wireName()))
                .timeout(timeout)
                .header("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                .header("Accept", PsiMediaTypes.ELEMENTS_V1)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = send(request);
        requireSuccess(response, PsiMediaTypes.ELEMENTS_V1);
        ElementBatch answer = decodeAnswer(response.body());
        if (answer.epoch() != query.epoch()) {
            throw new PsiProtocolException("the worker answered for key epoch " + answer.epoch()
                    + " but the items were blinded for epoch " + query.epoch());
        }
        if (answer.elements().count() != query.size()) {
            throw new PsiProtocolException("the worker answered " + answer.elements().count()
                    + " elements for " + query.size() + " sent");
        }
        return new Exchange(setup, query, answer.elements());
    }

    private <T> T withEpochRetry(Supplier<T> attempt) {
        try {
            return unblindChecked(attempt);
        } catch (PsiServerException e) {
            if (e.status() != 409 || !STALE_KEY_EPOCH.equals(e.type())) {
                throw e;
            }
            return unblindChecked(attempt);
        }
    }

    private static <T> T unblindChecked(Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (InvalidElementException e) {
            throw new PsiProtocolException("the worker's answer contains an invalid group element: "
                    + e.getMessage(), e);
        }
    }

    private void checkNormalization(Normalization announced) {
        if (requiredNormalization != null && requiredNormalization != announced) {
            throw new PsiClientException("the worker normalizes items with '" + announced.configName()
                    + "' but '" + requiredNormalization.configName()
                    + "' was requested; equal items would not match");
        }
    }

    private static ElementBatch decodeAnswer(byte[] body) {
        try {
            return ElementBatch.decode(body, MessageKind.EVALUATED_ANSWER);
        } catch (WireFormatException e) {
            throw new PsiProtocolException("the worker's answer is malformed: " + e.getMessage(), e);
        }
    }

    private static void requireSuccess(HttpResponse<byte[]> response, String expectedType) {
        if (response.statusCode() != 200) {
            throw new PsiServerException(ProblemDetails.parse(response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8)));
        }
        Optional<String> type = response.headers().firstValue("Content-Type");
        if (type.isEmpty() || !type.get().startsWith(expectedType)) {
            throw new PsiProtocolException("the worker answered with content type "
                    + type.orElse("(none)") + ", expected " + expectedType);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PsiClientException("cannot reach the worker at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PsiClientException("interrupted while calling the worker", e);
        }
    }
}
