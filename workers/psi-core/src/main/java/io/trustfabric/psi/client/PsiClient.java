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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The partner's PSI client: fetches the worker's setup (cached by ETag), blinds items, sends them,
 * checks the answer (kind, key epoch, element count, valid group elements) and unblinds it.
 * If the worker rotated its key between setup and query (409 stale-key-epoch) the client refetches
 * the setup and retries once; if the worker is overloaded (429) it waits as {@code Retry-After} says
 * (at most 10 s) and retries, up to three times.
 */
public final class PsiClient {
    public static final String STALE_KEY_EPOCH = "https://trustfabric.io/problems/stale-key-epoch";
    /** Not retried: waiting seconds would not help, the budget is spent until the period ends. */
    public static final String BUDGET_EXHAUSTED = "https://trustfabric.io/problems/budget-exhausted";
    /** The tenant's policy denied the query (its {@code denials} say which rules); not retried. */
    public static final String POLICY_DENIED = "https://trustfabric.io/problems/policy-denied";
    /** The tenant's policy could not be checked, so the worker refused to answer; not retried by the client. */
    public static final String POLICY_UNAVAILABLE = "https://trustfabric.io/problems/policy-unavailable";
    /** Response header with the compact signed receipt of a charged answer (docs/receipts.md). */
    public static final String RECEIPT_HEADER = "X-TrustFabric-Receipt";
    /** Response header with the worker's upper bound of the budget left after the charge, in micro-epsilon. */
    public static final String BUDGET_REMAINING_HEADER = "X-TrustFabric-Budget-Remaining";
    static final int MAX_OVERLOAD_RETRIES = 3;
    static final int MAX_RETRY_AFTER_SECONDS = 10;

    private final URI endpoint;
    private final PrimeOrderGroup group;
    private final HttpClient http;
    private final Duration timeout;
    private final Normalization requiredNormalization;
    private final String apiKey;
    private final SecureRandom random = new SecureRandom();
    private CachedSetup cachedSetup;

    private record CachedSetup(String etag, SetupMessage setup) {
    }

    private PsiClient(URI endpoint, PrimeOrderGroup group, HttpClient http, Duration timeout,
                      Normalization requiredNormalization, String apiKey) {
        this.endpoint = endpoint;
        this.apiKey = apiKey;
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
        return create(endpoint, group, requiredNormalization, PsiCredentials.NONE);
    }

    /**
     * A client that authenticates as a partner: {@code endpoint} is the tenant's endpoint as the tenant gave
     * it (for a shared pool {@code https://host/tenants/<name>}); the client appends {@code /v1/...}.
     */
    public static PsiClient create(URI endpoint, PrimeOrderGroup group, Normalization requiredNormalization,
                                   PsiCredentials credentials) {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (credentials.sslContext() != null) {
            http.sslContext(credentials.sslContext());
        }
        return new PsiClient(endpoint, group, http.build(), Duration.ofSeconds(60), requiredNormalization,
                credentials.apiKey());
    }

    /**
     * An answer and what it cost: {@code receipt} is the compact signed receipt (null when the worker does
     * not charge budgets), {@code remainingMicroEpsilon} the worker's upper bound of the budget left (or null).
     */
    public record Charged<T>(T result, String receipt, Long remainingMicroEpsilon, List<String> warnings) {
        public Charged(T result, String receipt, Long remainingMicroEpsilon) {
            this(result, receipt, remainingMicroEpsilon, List.of());
        }

        public Charged {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * PSI-CA: how many of {@code items} the tenant also has (up to the setup's false-positive rate).
     *
     * @throws CountSuppressedException if the tenant's k-threshold policy suppresses this count (see {@link #chargedCount})
     */
    public int cardinality(List<String> items) {
        return chargedCardinality(items).result();
    }

    /** PSI: which of {@code items} the tenant also has, in input order. */
    public List<String> intersection(List<String> items) {
        return chargedIntersection(items).result();
    }

    /** {@link #cardinality} with the receipt of its charge; a suppressed count is a {@link CountSuppressedException}. */
    public Charged<Integer> chargedCardinality(List<String> items) {
        Charged<Cardinality> charged = chargedCount(items);
        if (charged.result().suppressed()) {
            throw new CountSuppressedException(charged.result().suppressedBelow());
        }
        return new Charged<>(charged.result().count(), charged.receipt(), charged.remainingMicroEpsilon(),
                charged.warnings());
    }

    /**
     * PSI-CA as the partner may report it: the count, or "fewer than k" when the answer carries a
     * {@code suppress-count-below} obligation (header {@code X-TrustFabric-Obligations}) and the count is below k.
     */
    public Charged<Cardinality> chargedCount(List<String> items) {
        return withRetries(() -> {
            Exchange exchange = query(PsiMode.PSI_CA, items);
            int count = exchange.query().countMatches(exchange.answer(), exchange.setup().digest());
            return exchange.charged(Cardinality.of(count, exchange.obligations()));
        });
    }

    /** {@link #intersection} with the receipt of its charge. */
    public Charged<List<String>> chargedIntersection(List<String> items) {
        return withRetries(() -> {
            Exchange exchange = query(PsiMode.PSI, items);
            return exchange.charged(exchange.query().matchingItems(exchange.answer(), exchange.setup().digest()));
        });
    }

    /** The worker's current setup, refetched only when its ETag changed. */
    public synchronized SetupMessage setup() {
        HttpRequest.Builder request = request("/v1/setup")
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

    private record Exchange(SetupMessage setup, PartnerQuery query, PackedElements answer, String receipt,
                            Long remaining, Obligations obligations, List<String> warnings) {
        <T> Charged<T> charged(T result) {
            return new Charged<>(result, receipt, remaining, warnings);
        }
    }

    private Exchange query(PsiMode mode, List<String> items) {
        SetupMessage setup = setup();
        checkNormalization(setup.normalization());
        PartnerQuery query = PartnerQuery.blind(group, setup.context(), setup.normalization(), items, random);
        byte[] body = ElementBatch.query(query.epoch(), query.blinded()).encode();
        HttpRequest request = request("/v1/" + mode.wireName())
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
        Long remaining = response.headers().firstValue(BUDGET_REMAINING_HEADER).map(PsiClient::parseLong).orElse(null);
        return new Exchange(setup, query, answer.elements(), response.headers().firstValue(RECEIPT_HEADER).orElse(null),
                remaining, Obligations.parse(response.headers().firstValue(Obligations.HEADER).orElse(null)),
                response.headers().allValues("Warning").stream().map(PsiClient::warningText).toList());
    }

    /** The text of a {@code Warning: 299 <agent> "<text>"} header (the whole value if it has another form). */
    static String warningText(String header) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\d{3} \\S+ \"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(header.strip());
        return m.find() ? m.group(1).replaceAll("\\\\(.)", "$1") : header.strip();
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A request to {@code path} below the endpoint, with the partner's API key if there is one. */
    private HttpRequest.Builder request(String path) {
        String base = endpoint.toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (apiKey != null) {
            request.header(PsiCredentials.API_KEY_HEADER, apiKey);
        }
        return request;
    }

    /**
     * Runs a query, retrying after {@code 409 stale-key-epoch} once (with a fresh setup) and after
     * {@code 429 overloaded} up to {@link #MAX_OVERLOAD_RETRIES} times, waiting as {@code Retry-After} says.
     */
    private <T> T withRetries(Supplier<T> attempt) {
        boolean epochRetried = false;
        int overloadRetries = 0;
        while (true) {
            try {
                return unblindChecked(attempt);
            } catch (PsiServerException e) {
                if (e.status() == 409 && STALE_KEY_EPOCH.equals(e.type()) && !epochRetried) {
                    epochRetried = true;
                } else if (e.status() == 429 && !BUDGET_EXHAUSTED.equals(e.type()) && overloadRetries < MAX_OVERLOAD_RETRIES) {
                    overloadRetries++;
                    pause(e.retryAfterSeconds());
                } else {
                    throw e;
                }
            }
        }
    }

    private static void pause(int seconds) {
        try {
            Thread.sleep(Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, seconds)) * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PsiClientException("interrupted while waiting to retry", e);
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

    private static int seconds(String retryAfter) {
        try {
            return Integer.parseInt(retryAfter.strip());
        } catch (NumberFormatException e) {
            return 1;
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
            int retryAfter = response.headers().firstValue("Retry-After").map(PsiClient::seconds).orElse(1);
            throw new PsiServerException(ProblemDetails.parse(response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8)), retryAfter);
        }
        Optional<String> type = response.headers().firstValue("Content-Type");
        if (type.isEmpty() || !type.get().startsWith(expectedType)) {
            throw new PsiProtocolException("the worker answered with content type "
                    + type.orElse("(none)") + ", expected " + expectedType);
        }
    }

    /** Sends with a deadline on the whole exchange, body included (the request timeout covers only the headers). */
    private HttpResponse<byte[]> send(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PsiClientException("cannot reach the worker at " + endpoint + ": " + cause, cause);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new PsiClientException("the worker at " + endpoint + " did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new PsiClientException("interrupted while calling the worker", e);
        }
    }
}
