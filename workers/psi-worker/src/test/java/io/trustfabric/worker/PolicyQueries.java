package io.trustfabric.worker;

import io.trustfabric.psi.protocol.PartnerQuery;
import io.trustfabric.psi.wire.ElementBatch;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.psi.wire.SetupMessage;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** Raw PSI-CA queries (so the tests see every header) and what the worker's metrics and audit log say. */
final class PolicyQueries {
    static final String INITECH_KEY = "tfk_initech_0123456789abcdef";

    private PolicyQueries() {
    }

    /** The fixture's config with a second partner, initech, whose region is us-east-1 (globex is in eu-west-1). */
    static JsonObject withInitech(JsonObject config) {
        config.getJsonObject("partners").getJsonArray("static")
                .add(WorkerFixture.partner("initech", INITECH_KEY, List.of("psi-ca", "psi")).put("region", "us-east-1"));
        return config;
    }

    /** A correctly blinded PSI-CA query of {@code items} for the current key epoch, as {@code apiKey}'s partner. */
    static HttpResponse<String> psiCa(WorkerFixture fixture, String apiKey, List<String> items) throws Exception {
        HttpResponse<byte[]> setupResponse = fixture.http.send(java.net.http.HttpRequest.newBuilder(
                        fixture.uri("/v1/setup")).header("X-TrustFabric-Api-Key", apiKey).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (setupResponse.statusCode() != 200) {
            throw new AssertionError("setup: HTTP " + setupResponse.statusCode());
        }
        SetupMessage setup = SetupMessage.decode(setupResponse.body());
        PartnerQuery query = PartnerQuery.blind(WorkerFixture.GROUP, setup.context(), setup.normalization(), items,
                new SecureRandom());
        return fixture.post("/v1/psi-ca", PsiMediaTypes.ELEMENTS_V1,
                ElementBatch.query(query.epoch(), query.blinded()).encode(), apiKey);
    }

    static double metric(WorkerFixture fixture, String name) throws Exception {
        String text = new String(fixture.get("/metrics").body());
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    static double elementsProcessed(WorkerFixture fixture) throws Exception {
        return metric(fixture, "trustfabric_psi_elements_processed_total");
    }

    /** The audit line of the request {@code response} answered (a refusal is audited just after it is sent). */
    static JsonObject auditLine(LogCapture log, HttpResponse<?> response) throws InterruptedException {
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            List<JsonObject> lines = log.lines(io.trustfabric.worker.audit.AuditLog.LOGGER_NAME).stream()
                    .map(JsonObject::new).filter(l -> requestId.equals(l.getString("requestId"))).toList();
            if (!lines.isEmpty()) {
                if (lines.size() != 1) {
                    throw new AssertionError("request " + requestId + " has " + lines.size() + " audit lines");
                }
                return lines.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no audit line for request " + requestId);
            }
            Thread.sleep(10);
        }
    }
}
