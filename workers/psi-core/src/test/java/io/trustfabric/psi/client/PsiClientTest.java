package io.trustfabric.psi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.group.Scalar;
import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PackedElements;
import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.psi.protocol.ServerEvaluator;
import io.trustfabric.psi.protocol.SetupEncoding;
import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.MessageKind;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.psi.wire.SetupMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a minimal in-test worker on loopback whose answers can be tampered with. */
class PsiClientTest {
    private static final PrimeOrderGroup GROUP = new Curve25519Group();
    private static final List<String> SERVER_ITEMS = List.of("alice", "bob", "carol", "dave");

    private final SecureRandom random = new SecureRandom();
    private final KeyEpochContext context = new KeyEpochContext("trust", "acme", 5);
    private final Scalar key = GROUP.randomScalar(random);
    private final AtomicInteger setupFetches = new AtomicInteger();
    private final AtomicInteger staleAnswersLeft = new AtomicInteger();
    private final AtomicInteger overloadedAnswersLeft = new AtomicInteger();
    private volatile UnaryOperator<ElementBatch> tamper = UnaryOperator.identity();
    private volatile String answerContentType = PsiMediaTypes.ELEMENTS_V1;
    private volatile String obligations;
    private volatile String policyProblem;
    private byte[] setup;
    private HttpServer server;
    private PsiClient client;

    @BeforeEach
    void start() throws IOException {
        ServerEvaluator evaluator = new ServerEvaluator(GROUP);
        List<byte[]> messages = SERVER_ITEMS.stream().map(Normalization.NONE::apply).toList();
        PackedElements evaluated = PackedElements.allocate(messages.size(), 32);
        evaluator.evaluateItems(key, context.dst(), messages, 0, messages.size(), evaluated);
        setup = new SetupMessage(context, Normalization.NONE, SetupEncoding.EXACT.build(evaluated, 0.5)).encode();

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/setup", this::serveSetup);
        server.createContext("/v1/psi", exchange -> answer(exchange, evaluator, PsiMode.PSI));
        server.createContext("/v1/psi-ca", exchange -> answer(exchange, evaluator, PsiMode.PSI_CA));
        server.start();
        client = PsiClient.create(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), GROUP, null);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serveSetup(HttpExchange exchange) throws IOException {
        if ("\"e5\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        setupFetches.incrementAndGet();
        exchange.getResponseHeaders().add("ETag", "\"e5\"");
        respond(exchange, 200, PsiMediaTypes.SETUP_V1, setup);
    }

    private void answer(HttpExchange exchange, ServerEvaluator evaluator, PsiMode mode) throws IOException {
        if (staleAnswersLeft.getAndDecrement() > 0) {
            respond(exchange, 409, PsiMediaTypes.PROBLEM_JSON, ("{\"type\":\"" + PsiClient.STALE_KEY_EPOCH
                    + "\",\"status\":409,\"detail\":\"current key epoch is 5\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (overloadedAnswersLeft.getAndDecrement() > 0) {
            exchange.getResponseHeaders().add("Retry-After", "0");
            respond(exchange, 429, PsiMediaTypes.PROBLEM_JSON,
                    "{\"type\":\"https://trustfabric.io/problems/overloaded\",\"status\":429}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (policyProblem != null) {
            respond(exchange, policyProblem.contains("policy-denied") ? 403 : 503, PsiMediaTypes.PROBLEM_JSON,
                    policyProblem.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (obligations != null) {
            exchange.getResponseHeaders().add("X-TrustFabric-Obligations", obligations);
        }
        ElementBatch query = ElementBatch.decode(exchange.getRequestBody().readAllBytes(), MessageKind.BLINDED_QUERY);
        PackedElements answer = evaluator.answer(key, query.elements(), mode, random);
        respond(exchange, 200, answerContentType, tamper.apply(ElementBatch.answer(query.epoch(), answer)).encode());
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void countsAndListsTheIntersection() {
        List<String> items = List.of("erin", "bob", "frank", "dave");
        assertThat(client.cardinality(items)).isEqualTo(2);
        assertThat(client.intersection(items)).containsExactly("bob", "dave");
        assertThat(setupFetches).as("the second query reuses the setup via ETag").hasValue(1);
    }

    @Test
    void aCountBelowTheKThresholdIsReportedAsFewerThanK() {
        obligations = "[{\"rule\":\"k3\",\"macro\":\"k-threshold@v1\",\"type\":\"suppress-count-below\",\"k\":3}]";
        List<String> twoMatches = List.of("erin", "bob", "dave");
        Cardinality suppressed = client.chargedCount(twoMatches).result();
        assertThat(suppressed.suppressed()).isTrue();
        assertThat(suppressed.suppressedBelow()).isEqualTo(3);
        assertThat(suppressed).hasToString("fewer than 3");
        assertThatThrownBy(() -> client.cardinality(twoMatches)).isInstanceOfSatisfying(CountSuppressedException.class,
                e -> assertThat(e.k()).isEqualTo(3));

        Cardinality shown = client.chargedCount(List.of("alice", "bob", "carol", "erin")).result();
        assertThat(shown.suppressed()).isFalse();
        assertThat(shown.count()).isEqualTo(3);
        assertThat(client.cardinality(List.of("alice", "bob", "carol"))).isEqualTo(3);
    }

    @Test
    void anUnreadableObligationIsAProtocolErrorNotAnUnsuppressedCount() {
        obligations = "[{\"type\":\"suppress-count-below\",\"k\":";
        assertThatThrownBy(() -> client.chargedCount(List.of("bob"))).isInstanceOf(PsiProtocolException.class)
                .hasMessageContaining("X-TrustFabric-Obligations");
        obligations = "[{\"type\":\"suppress-count-below\"}]";
        assertThatThrownBy(() -> client.chargedCount(List.of("bob"))).isInstanceOf(PsiProtocolException.class);
    }

    @Test
    void policyRefusalsAreClearServerErrorsAndNotRetried() {
        policyProblem = "{\"type\":\"" + PsiClient.POLICY_DENIED + "\",\"title\":\"Denied by the tenant's policy\","
                + "\"status\":403,\"detail\":\"the tenant's policy denies this query (eu-only: partner region us-east-1 "
                + "is not allowed)\",\"denials\":[{\"rule\":\"eu-only\",\"code\":\"region-not-allowed\"}],"
                + "\"decisionId\":\"d-1\",\"revision\":7}";
        assertThatThrownBy(() -> client.cardinality(List.of("bob"))).isInstanceOfSatisfying(PsiServerException.class,
                e -> {
                    assertThat(e.policyDenied()).isTrue();
                    assertThat(e.getMessage()).contains("eu-only: partner region us-east-1 is not allowed");
                    assertThat(e.problem().members()).containsEntry("decisionId", "d-1")
                            .containsEntry("denials", "[{\"rule\":\"eu-only\",\"code\":\"region-not-allowed\"}]");
                });
        policyProblem = "{\"type\":\"" + PsiClient.POLICY_UNAVAILABLE + "\",\"status\":503,\"detail\":\"retry later\"}";
        assertThatThrownBy(() -> client.cardinality(List.of("bob"))).isInstanceOfSatisfying(PsiServerException.class,
                e -> assertThat(e.policyUnavailable()).isTrue());
    }

    @Test
    void retriesOnceAfterAStaleKeyEpoch() {
        staleAnswersLeft.set(1);
        assertThat(client.cardinality(List.of("bob"))).isEqualTo(1);
        staleAnswersLeft.set(2);
        assertThatThrownBy(() -> client.cardinality(List.of("bob")))
                .isInstanceOf(PsiServerException.class)
                .satisfies(e -> assertThat(((PsiServerException) e).status()).isEqualTo(409));
    }

    @Test
    void retriesWhenOverloadedThenGivesUp() {
        overloadedAnswersLeft.set(PsiClient.MAX_OVERLOAD_RETRIES);
        assertThat(client.cardinality(List.of("bob"))).isEqualTo(1);
        overloadedAnswersLeft.set(PsiClient.MAX_OVERLOAD_RETRIES + 1);
        assertThatThrownBy(() -> client.cardinality(List.of("bob")))
                .isInstanceOf(PsiServerException.class)
                .satisfies(e -> assertThat(((PsiServerException) e).status()).isEqualTo(429));
    }

    @Test
    void detectsAMissingElement() {
        tamper = batch -> ElementBatch.answer(batch.epoch(),
                new PackedElements(Arrays.copyOf(batch.elements().bytes(), 32), 32));
        assertThatThrownBy(() -> client.cardinality(List.of("bob", "carol")))
                .isInstanceOf(PsiProtocolException.class).hasMessageContaining("answered 1 elements for 2 sent");
    }

    @Test
    void detectsAnAnswerForAnotherEpoch() {
        tamper = batch -> ElementBatch.answer(batch.epoch() + 1, batch.elements());
        assertThatThrownBy(() -> client.intersection(List.of("bob")))
                .isInstanceOf(PsiProtocolException.class).hasMessageContaining("key epoch 6");
    }

    @Test
    void detectsAnInvalidElement() {
        tamper = batch -> {
            byte[] bytes = batch.elements().bytes().clone();
            Arrays.fill(bytes, 32, 64, (byte) 0xff);
            return ElementBatch.answer(batch.epoch(), new PackedElements(bytes, 32));
        };
        assertThatThrownBy(() -> client.cardinality(List.of("bob", "carol")))
                .isInstanceOf(PsiProtocolException.class).hasMessageContaining("invalid group element");
    }

    @Test
    void detectsATruncatedBodyAndAWrongContentType() {
        tamper = batch -> ElementBatch.answer(batch.epoch(), batch.elements());
        answerContentType = "text/plain";
        assertThatThrownBy(() -> client.cardinality(List.of("bob")))
                .isInstanceOf(PsiProtocolException.class).hasMessageContaining("content type text/plain");
    }

    @Test
    void refusesAWorkerWithAnotherNormalization() {
        PsiClient strict = PsiClient.create(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                GROUP, Normalization.EMAIL_LOWERCASE);
        assertThatThrownBy(() -> strict.cardinality(List.of("bob")))
                .isInstanceOf(PsiClientException.class).hasMessageContaining("normalizes items with 'none'");
    }

    @Test
    void unreachableWorkerIsAClearError() {
        server.stop(0);
        assertThatThrownBy(() -> client.cardinality(List.of("bob")))
                .isInstanceOf(PsiClientException.class).hasMessageContaining("cannot reach the worker");
    }
}
