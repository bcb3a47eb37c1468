package io.trustfabric.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.protocol.KeyEpochContext;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PackedElements;
import io.trustfabric.psi.protocol.PartnerQuery;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal of the worker API, through real HTTP on loopback: status, problem type, and no side effects. */
class ErrorPathsTest {
    private static final String PROBLEMS = "https://trustfabric.io/problems/";
    private static final List<String> SERVER = List.of("alice", "bob", "carol");

    @TempDir
    static Path dir;
    static WorkerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        JsonObject config = WorkerFixture.config(dir, SERVER);
        config.getJsonObject("limits").put("maxClientSetSize", 10);
        config.getJsonObject("http").put("maxBodyBytes", 1024);
        config.getJsonObject("tenant").put("modes", new JsonArray().add("psi-ca"));
        fixture = WorkerFixture.startReady(dir, config);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static byte[] validQuery(long epoch, List<String> items) {
        PartnerQuery query = PartnerQuery.blind(WorkerFixture.GROUP, new KeyEpochContext("trust", "acme", epoch),
                Normalization.NONE, items, new SecureRandom());
        return ElementBatch.query(epoch, query.blinded()).encode();
    }

    private static JsonObject assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PsiMediaTypes.PROBLEM_JSON);
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("type")).isEqualTo(PROBLEMS + type);
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank();
        return problem;
    }

    private static HttpResponse<String> postQuery(byte[] body) throws Exception {
        return fixture.post("/v1/psi-ca", PsiMediaTypes.ELEMENTS_V1, body);
    }

    @Test
    void malformedBodyIs400() throws Exception {
        assertProblem(postQuery("not a batch".getBytes(StandardCharsets.UTF_8)), 400, "malformed");
        byte[] truncated = Arrays.copyOf(validQuery(1, List.of("a", "b")), 40);
        assertProblem(postQuery(truncated), 400, "malformed");
        assertProblem(postQuery(ElementBatch.query(1, PackedElements.allocate(0, 32)).encode()), 400, "malformed");
    }

    /**
     * Issue 18: the header is checked in wire order (magic, version, kind, then the count), so a body that is not a
     * batch at all is refused for what is wrong with it, not as "413 the query has N elements" because its bytes
     * 12-15 happen to read as a large count.
     */
    @Test
    void headerFieldsAreCheckedInWireOrder() throws Exception {
        byte[] good = validQuery(1, List.of("a", "b"));
        byte[] notTf = good.clone();
        notTf[0] = '{';
        notTf[12] = (byte) 0x7f; // a count far above maxClientSetSize (10)
        JsonObject problem = assertProblem(postQuery(notTf), 400, "malformed");
        assertThat(problem.getString("detail")).contains("magic");
        byte[] badVersion = good.clone();
        badVersion[2] = 9;
        badVersion[12] = (byte) 0x7f;
        assertThat(assertProblem(postQuery(badVersion), 400, "malformed").getString("detail")).contains("version 9");
        byte[] answerKind = good.clone();
        answerKind[3] = 0x02;
        answerKind[12] = (byte) 0x7f;
        assertThat(assertProblem(postQuery(answerKind), 400, "malformed").getString("detail")).contains("kind 0x02");
        byte[] json = "{\"items\":[\"alice@example.com\"]}".getBytes(StandardCharsets.UTF_8);
        assertThat(assertProblem(postQuery(json), 400, "malformed").getString("detail")).contains("magic");
        // a well-formed header with too many elements is still 413, before its length is looked at
        byte[] tooMany = good.clone();
        tooMany[15] = 11;
        assertProblem(postQuery(tooMany), 413, "too-large");
    }

    /**
     * Issue 18: a query that repeats a blinded element is refused before anything is computed: in PSI-CA duplicates
     * would let a partner weight or probe the count. The detail names both positions, never the element.
     */
    @Test
    void repeatedBlindedElementIs400DuplicateElements() throws Exception {
        double before = metric("trustfabric_psi_elements_processed_total");
        byte[] body = validQuery(1, List.of("a", "b", "c"));
        System.arraycopy(body, ElementBatch.HEADER_BYTES, body, ElementBatch.HEADER_BYTES + 2 * 32, 32);
        JsonObject problem = assertProblem(postQuery(body), 400, "duplicate-elements");
        assertThat(problem.getString("detail")).contains("element 2").contains("element 0");
        // the same refusal wins over an invalid element elsewhere: nothing reached the compute pool
        Arrays.fill(body, ElementBatch.HEADER_BYTES + 32, ElementBatch.HEADER_BYTES + 64, (byte) 0xff);
        assertProblem(postQuery(body), 400, "duplicate-elements");
        assertThat(metric("trustfabric_psi_elements_processed_total")).isEqualTo(before);
        // the Java client sends each distinct (normalized) item once, so a partner list with repeats still works
        assertThat(fixture.client().cardinality(List.of("alice", "bob", "alice", "dave", "bob"))).isEqualTo(2);
    }

    private static double metric(String name) throws Exception {
        String text = new String(fixture.get("/metrics").body(), StandardCharsets.UTF_8);
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void elementOffTheCurveIs400BadPoint() throws Exception {
        byte[] body = validQuery(1, List.of("a", "b"));
        Arrays.fill(body, ElementBatch.HEADER_BYTES + 32, ElementBatch.HEADER_BYTES + 64, (byte) 0xff);
        JsonObject problem = assertProblem(postQuery(body), 400, "bad-point");
        assertThat(problem.getString("detail")).startsWith("element 1");

        byte[] zero = validQuery(1, List.of("a"));
        Arrays.fill(zero, ElementBatch.HEADER_BYTES, zero.length, (byte) 0);
        assertProblem(postQuery(zero), 400, "bad-point");
    }

    @Test
    void tooManyElementsAndTooLargeBodyAre413() throws Exception {
        List<String> eleven = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
        JsonObject problem = assertProblem(postQuery(validQuery(1, eleven)), 413, "too-large");
        assertThat(problem.getInteger("maxClientSetSize")).isEqualTo(10);

        byte[] huge = new byte[4096];
        ByteBuffer.wrap(huge).putShort((short) 0x5446).put((byte) 1).put((byte) 1).putLong(1).putInt(2);
        assertProblem(postQuery(huge), 413, "too-large");
    }

    /**
     * The order docs/worker-api.md states: the body is read (and its size checked) before authentication, so an
     * oversized body is 413 with or without a key, and a body within the limit without a key is 401.
     */
    @Test
    void anOversizedBodyIs413BeforeAuthenticationAndASmallOneWithoutAKeyIs401() throws Exception {
        byte[] oversized = new byte[4096];
        ByteBuffer.wrap(oversized).putShort((short) 0x5446).put((byte) 1).put((byte) 1).putLong(1).putInt(2);
        HttpResponse<String> declared = fixture.http.send(HttpRequest.newBuilder(fixture.uri("/v1/psi-ca"))
                .header("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                .POST(HttpRequest.BodyPublishers.ofByteArray(oversized)).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(declared, 413, "too-large");
        // without a Content-Length (chunked): refused once the body read so far passes the limit
        HttpResponse<String> chunked = fixture.http.send(HttpRequest.newBuilder(fixture.uri("/v1/psi-ca"))
                .header("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(oversized)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(chunked, 413, "too-large");

        HttpResponse<String> small = fixture.http.send(HttpRequest.newBuilder(fixture.uri("/v1/psi-ca"))
                .header("Content-Type", PsiMediaTypes.ELEMENTS_V1)
                .POST(HttpRequest.BodyPublishers.ofByteArray(validQuery(1, List.of("a")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(small, 401, "unknown-credentials");
    }

    @Test
    void wrongMediaTypeIs415() throws Exception {
        assertProblem(fixture.post("/v1/psi-ca", "application/json", "{}".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported-media-type");
        HttpResponse<String> noType = fixture.http.send(HttpRequest.newBuilder(fixture.uri("/v1/psi-ca"))
                .header("X-TrustFabric-Api-Key", WorkerFixture.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(validQuery(1, List.of("a")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(noType, 415, "unsupported-media-type");
    }

    @Test
    void modeNotServedIs403() throws Exception {
        assertProblem(fixture.post("/v1/psi", PsiMediaTypes.ELEMENTS_V1, validQuery(1, List.of("a"))),
                403, "mode-not-served");
    }

    @Test
    void queryForAnotherEpochIs409AndNamesTheCurrentOne() throws Exception {
        JsonObject problem = assertProblem(postQuery(validQuery(7, List.of("a"))), 409, "stale-key-epoch");
        assertThat(problem.getLong("currentEpoch")).isEqualTo(1L);
        assertThat(problem.getString("detail")).contains("current key epoch is 1");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        HttpResponse<String> missing = fixture.http.send(HttpRequest.newBuilder(fixture.uri("/v2/psi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(missing, 404, "not-found");
        HttpResponse<String> wrongMethod = fixture.http.send(HttpRequest.newBuilder(fixture.uri("/v1/psi-ca")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(wrongMethod, 405, "method-not-allowed");
    }

    @Test
    void refusedRequestsChangeNothing() throws Exception {
        PsiClient client = fixture.client();
        int before = client.cardinality(List.of("alice", "bob", "zed"));
        byte[] etagBefore = fixture.get("/v1/setup").body();

        postQuery("garbage".getBytes(StandardCharsets.UTF_8));
        byte[] bad = validQuery(1, List.of("a"));
        Arrays.fill(bad, ElementBatch.HEADER_BYTES, bad.length, (byte) 0xff);
        postQuery(bad);
        postQuery(validQuery(9, List.of("a")));

        assertThat(client.cardinality(List.of("alice", "bob", "zed"))).isEqualTo(before).isEqualTo(2);
        assertThat(fixture.get("/v1/setup").body()).isEqualTo(etagBefore);
        String metrics = new String(fixture.get("/metrics").body(), StandardCharsets.UTF_8);
        assertThat(metrics).contains("outcome=\"bad-point\"").contains("outcome=\"malformed\"");
    }
}
