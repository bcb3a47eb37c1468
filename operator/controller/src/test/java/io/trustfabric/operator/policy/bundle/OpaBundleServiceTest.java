package io.trustfabric.operator.policy.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.OpaServer;
import io.trustfabric.operator.control.ControlRequest;
import io.trustfabric.operator.control.ControlResponse;
import io.trustfabric.operator.control.ControlRoute;
import io.trustfabric.operator.control.ControlRoutes;
import io.trustfabric.operator.control.ControlServer;
import io.trustfabric.operator.control.LeaderStatus;
import io.trustfabric.operator.control.WorkerTokens;
import io.trustfabric.operator.policy.decisions.DecisionLog;
import io.trustfabric.operator.policy.decisions.DecisionRecord;
import io.trustfabric.testsupport.RequiresOpa;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle service and decision-log receiver against a real OPA configured by {@link OpaSidecarConfig}: the
 * signatures, canonical JSON and archive format are what OPA itself accepts, and what it refuses when they are wrong.
 */
@RequiresOpa
class OpaBundleServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "acme-worker-token";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Denies when the query is larger than a tenant rule's maxSetSize; warns no-policy for the default tenant. */
    static final String DECISION_MODULE = """
            package trustfabric.decision

            tenant := data.trustfabric.tenants[input.tenant.name]

            denials contains {"rule": rule.name, "code": "set-too-large"} if {
                some rule in tenant.rules
                input.query.setSize > rule.params.maxSetSize
            }

            warnings contains {"rule": "default", "code": "no-policy"} if tenant["default"]

            result := {
                "allow": count(denials) == 0,
                "tenant": input.tenant.name,
                "policy": tenant.policy,
                "revision": tenant.revision,
                "note": object.get(tenant, "note", ""),
                "denials": denials,
                "warnings": warnings,
                "dryrun": [],
                "obligations": [],
                "errors": [],
            }
            """;

    /** Exercises the ustar prefix field: the module path is longer than 100 bytes. */
    static final String LONG_PATH = "trustfabric/macros/" + "a-rather-long-macro-name-".repeat(4) + "x/v1/macro.rego";

    private final AtomicInteger tenantOk = new AtomicInteger();
    private final AtomicInteger tenantNotModified = new AtomicInteger();
    private final AtomicInteger tenantNotReady = new AtomicInteger();
    private final Map<String, AtomicInteger> servedDigests = new ConcurrentHashMap<>();
    private final BundleStore store = new BundleStore(TestKeys.signer());
    private final DecisionLog decisions = new DecisionLog();
    /** When set, the tenant bundle route serves this instead of the store's bundle. */
    private final AtomicReference<SignedBundle> override = new AtomicReference<>();
    private ControlServer control;
    private OpaServer opa;

    @AfterEach
    void stop() {
        if (opa != null) {
            opa.close();
        }
        if (control != null) {
            control.close();
        }
    }

    static BundleContent macros(String revision) {
        return BundleContent.macros(revision, Map.of("trustfabric/decision/decision.rego", DECISION_MODULE,
                LONG_PATH, "package trustfabric.macros.x.v1\n\ndeny := set()\n"));
    }

    static BundleContent tenant(long revision, long maxSetSize) {
        ObjectNode document = JSON.createObjectNode();
        document.put("policy", "trust/acme-policy");
        document.put("revision", revision);
        document.put("default", false);
        // strings and numbers whose canonical form OPA must reproduce to verify data.json's hash
        document.put("note", "q\"\\ \b\f\n\t\u0001 \u2028\u2029 <&> é 😀 \u007f");
        document.put("ratio", 0.25);
        ObjectNode rule = document.putArray("rules").addObject();
        rule.put("name", "cap");
        rule.put("macro", "set-size-cap");
        rule.put("version", "v1");
        rule.put("ref", "set-size-cap@v1");
        rule.put("action", "enforce");
        rule.putObject("params").put("maxSetSize", maxSetSize);
        return BundleContent.tenant("acme", "acme-policy@" + revision, document);
    }

    private void startControl() throws Exception {
        WorkerTokens tokens = (namespace, tenant, presented) -> "trust".equals(namespace) && "acme".equals(tenant)
                && TOKEN.equals(presented) ? WorkerTokens.Verdict.THIS_TENANT : WorkerTokens.Verdict.UNKNOWN;
        ControlRoutes routes = new ControlRoutes();
        for (ControlRoute route : PolicyRoutes.routes(store, decisions)) {
            routes.add(route.path().equals("/policy/bundle") ? counting(route) : route);
        }
        control = ControlServer.start("127.0.0.1", 0, routes, tokens, LeaderStatus.alwaysLeader());
    }

    /** Counts the tenant bundle route's answers, and serves {@link #override} instead of the store when set. */
    private ControlRoute counting(ControlRoute route) {
        return new ControlRoute() {
            @Override
            public String method() {
                return route.method();
            }

            @Override
            public String path() {
                return route.path();
            }

            @Override
            public ControlResponse handle(ControlRequest request) {
                SignedBundle forced = override.get();
                ControlResponse response;
                if (forced == null) {
                    try {
                        response = route.handle(request);
                    } catch (io.trustfabric.operator.control.ControlProblem problem) {
                        if (problem.status() == 503) {
                            tenantNotReady.incrementAndGet();
                        }
                        throw problem;
                    }
                } else if (request.ifNoneMatch(forced.etag())) {
                    response = ControlResponse.empty(304).withHeader("ETag", forced.etag());
                } else {
                    response = ControlResponse.binary(200, "application/gzip", forced.bytes())
                            .withHeader("ETag", forced.etag());
                }
                if (response.status() == 200) {
                    tenantOk.incrementAndGet();
                    servedDigests.computeIfAbsent(response.headers().get("ETag"), k -> new AtomicInteger())
                            .incrementAndGet();
                } else if (response.status() == 304) {
                    tenantNotModified.incrementAndGet();
                }
                return response;
            }
        };
    }

    private void startOpa(ControlPlaneBinaries binaries, Path dir, UnaryOperator<OpaSidecarConfig> adjust)
            throws Exception {
        Path token = Files.writeString(dir.resolve("token"), TOKEN);
        OpaSidecarConfig config = adjust.apply(OpaSidecarConfig.of("http://127.0.0.1:" + control.port() + "/", "trust",
                List.of(new OpaSidecarConfig.Tenant("acme", token.toString())), store.publicKeyPem())
                .withPolling(1, 1).withReporting(1, 1));
        Path file = Files.writeString(dir.resolve("opa-config.json"), config.render());
        opa = OpaServer.withConfig(binaries, dir.resolve("logs"), file, config.opaArguments());
    }

    private JsonNode decide(long setSize) throws Exception {
        String input = """
                {"tenant": {"namespace": "trust", "name": "acme", "modes": ["psi-ca"], "contractFlags": [],
                            "normalization": "email-lowercase"},
                 "partner": {"id": "globex", "region": "eu-west-1", "contractFlags": [], "modes": ["psi-ca"]},
                 "query": {"mode": "psi-ca", "setSize": %d, "normalization": "email-lowercase"},
                 "volume": {"hour": {"queries": 1, "elements": 10}, "day": {"queries": 2, "elements": 20}},
                 "budget": {"enforced": true},
                 "time": "2026-12-03T13:00:00Z",
                 "items": ["never-kept@example.com"]}
                """.formatted(setSize);
        return JSON.readTree(opa.decide("trustfabric/decision/result", input));
    }

    private int health() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(opa.url() + "/health?bundles")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void activatesBothBundlesDecidesFromTenantDataAndFollowsNewRevisionsWith304sBetween(ControlPlaneBinaries binaries,
                                                                                      @TempDir Path dir)
            throws Exception {
        store.putMacros(macros("catalog-1"));
        SignedBundle first = store.putTenant("trust", "acme", tenant(1, 1000));
        startControl();
        startOpa(binaries, dir, config -> config);
        opa.awaitHealthy(PATIENCE);

        JsonNode denied = decide(1200).get("result");
        assertThat(denied.get("allow").asBoolean()).isFalse();
        assertThat(denied.get("revision").asLong()).isEqualTo(1);
        assertThat(denied.get("denials").get(0).get("code").asText()).isEqualTo("set-too-large");
        assertThat(denied.get("note").asText()).isEqualTo(tenant(1, 1000).data().at("/trustfabric/tenants/acme/note")
                .asText());
        assertThat(decide(800).at("/result/allow").asBoolean()).isTrue();

        // OPA polls with the ETag it got and is answered 304 while nothing changes
        await().atMost(PATIENCE).until(() -> tenantNotModified.get() >= 2);
        assertThat(servedDigests).containsOnlyKeys(first.etag());

        SignedBundle second = store.putTenant("trust", "acme", tenant(2, 5000));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(decide(1200).at("/result/revision").asLong())
                .isEqualTo(2));
        assertThat(decide(1200).at("/result/allow").asBoolean()).isTrue();
        assertThat(servedDigests).containsOnlyKeys(first.etag(), second.etag());
        assertThat(servedDigests.get(first.etag()).get()).isEqualTo(1);
        assertThat(servedDigests.get(second.etag()).get()).isEqualTo(1);
    }

    @Test
    void aTenantWithoutPolicyGetsTheDefaultBundleOnceSynced(ControlPlaneBinaries binaries, @TempDir Path dir)
            throws Exception {
        store.putMacros(macros("catalog-1"));
        startControl();
        startOpa(binaries, dir, config -> config);
        // not synced: the tenant bundle is 503 policy-not-ready, so OPA cannot activate it
        await().atMost(PATIENCE).until(() -> tenantNotReady.get() >= 2);
        assertThat(health()).isNotEqualTo(200);
        assertThat(tenantOk.get()).isZero();

        store.markTenantsSynced();
        opa.awaitHealthy(PATIENCE);
        JsonNode result = decide(10).get("result");
        assertThat(result.get("allow").asBoolean()).isTrue();
        assertThat(result.get("revision").asLong()).isZero();
        assertThat(result.get("policy").isNull()).isTrue();
        assertThat(result.at("/warnings/0/code").asText()).isEqualTo("no-policy");
    }

    @Test
    void neverActivatesABundleSignedWithAnotherKey(ControlPlaneBinaries binaries, @TempDir Path dir)
            throws Exception {
        store.putMacros(macros("catalog-1"));
        SignedBundle foreign = BundleArchive.write(tenant(1, 1000), new BundleSigner(BundleSigningKey.generate()));
        override.set(foreign);
        startControl();
        startOpa(binaries, dir, config -> config);
        await().atMost(PATIENCE).until(() -> tenantOk.get() >= 2);
        assertThat(health()).isNotEqualTo(200);
        assertThat(opa.logTail(50)).contains("tenant-acme").containsIgnoringCase("verif");

        override.set(null);
        store.putTenant("trust", "acme", tenant(1, 1000));
        opa.awaitHealthy(PATIENCE);
        assertThat(decide(1200).at("/result/revision").asLong()).isEqualTo(1);
    }

    @Test
    void keepsTheActiveBundleWhenANewerOneWasTamperedWithAfterSigning(ControlPlaneBinaries binaries,
                                                                       @TempDir Path dir) throws Exception {
        store.putMacros(macros("catalog-1"));
        store.putTenant("trust", "acme", tenant(1, 1000));
        startControl();
        startOpa(binaries, dir, config -> config);
        opa.awaitHealthy(PATIENCE);
        assertThat(decide(1200).at("/result/allow").asBoolean()).isFalse();

        SignedBundle tampered = tamper(BundleArchive.write(tenant(2, 1000), TestKeys.signer()),
                "data.json", text -> text.replace("\"maxSetSize\":1000", "\"maxSetSize\":9999"));
        int before = tenantOk.get();
        override.set(tampered);
        await().atMost(PATIENCE).until(() -> tenantOk.get() >= before + 2);
        assertThat(opa.logTail(50)).contains("digest mismatch");
        JsonNode result = decide(1200).get("result");
        assertThat(result.get("revision").asLong()).isEqualTo(1);
        assertThat(result.get("allow").asBoolean()).isFalse();
    }

    @Test
    void uploadsDecisionLogsThatLandInTheDecisionLogWithMetadataOnly(ControlPlaneBinaries binaries,
                                                                      @TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("public.pem"), store.publicKeyPem());
        store.putMacros(macros("catalog-1"));
        store.putTenant("trust", "acme", tenant(1, 1000));
        startControl();
        startOpa(binaries, dir, config -> config.withPublicKeyFile(key));
        opa.awaitHealthy(PATIENCE);

        JsonNode answer = decide(1200);
        String decisionId = answer.get("decision_id").asText();
        assertThat(decisionId).isNotBlank();

        await().atMost(PATIENCE).until(() -> !decisions.recent("trust", "acme", Instant.EPOCH, 10).isEmpty());
        DecisionRecord record = decisions.recent("trust", "acme", Instant.EPOCH, 10).get(0);
        assertThat(record.decisionId()).isEqualTo(decisionId);
        assertThat(record.bundles()).containsEntry("macros", "catalog-1").containsEntry("tenant-acme", "acme-policy@1");
        assertThat(record.outcome().allow()).isFalse();
        assertThat(record.outcome().revision()).isEqualTo(1);
        assertThat(record.outcome().denials()).containsExactly(new DecisionRecord.Finding("cap", "set-too-large"));
        assertThat(record.input().at("/query/setSize").asLong()).isEqualTo(1200);
        assertThat(record.input().has("items")).isFalse();
        assertThat(record.input().toString()).doesNotContain("never-kept");
    }

    @Test
    void aSharedPoolsOpaLoadsEveryMembersBundleAndReportsTheirDecisionsThroughTheFirst(ControlPlaneBinaries binaries,
                                                                                      @TempDir Path dir)
            throws Exception {
        DecisionLog pooled = new DecisionLog(DecisionLog.Limits.DEFAULT, java.time.Clock.systemUTC(),
                io.trustfabric.operator.policy.decisions.CrossTenantRule.samePool(tenant ->
                        java.util.Optional.of("pool-1")));
        Map<String, String> tokens = Map.of("acme", TOKEN, "globex", "globex-worker-token");
        WorkerTokens directory = (namespace, tenant, presented) -> "trust".equals(namespace)
                && presented.equals(tokens.get(tenant)) ? WorkerTokens.Verdict.THIS_TENANT
                : WorkerTokens.Verdict.UNKNOWN;
        control = ControlServer.start("127.0.0.1", 0, PolicyRoutes.register(new ControlRoutes(), store, pooled),
                directory, LeaderStatus.alwaysLeader());
        store.putMacros(macros("catalog-1"));
        store.putTenant("trust", "acme", tenant(1, 1000));
        store.markTenantsSynced();
        Path acmeToken = Files.writeString(dir.resolve("acme-token"), TOKEN);
        Path globexToken = Files.writeString(dir.resolve("globex-token"), tokens.get("globex"));
        OpaSidecarConfig config = OpaSidecarConfig.of("http://127.0.0.1:" + control.port(), "trust",
                List.of(new OpaSidecarConfig.Tenant("acme", acmeToken.toString()),
                        new OpaSidecarConfig.Tenant("globex", globexToken.toString())), store.publicKeyPem())
                .withPolling(1, 1).withReporting(1, 1);
        opa = OpaServer.withConfig(binaries, dir.resolve("logs"), Files.writeString(dir.resolve("opa.json"),
                config.render()), config.opaArguments());
        opa.awaitHealthy(PATIENCE);

        assertThat(decide(1200).at("/result/allow").asBoolean()).isFalse();
        JsonNode globex = JSON.readTree(opa.decide("trustfabric/decision/result", """
                {"tenant": {"namespace": "trust", "name": "globex"}, "query": {"setSize": 1200}}"""));
        assertThat(globex.at("/result/allow").asBoolean()).isTrue();
        assertThat(globex.at("/result/warnings/0/code").asText()).isEqualTo("no-policy");

        await().atMost(PATIENCE).until(() -> !pooled.recent("trust", "globex", Instant.EPOCH, 10).isEmpty()
                && !pooled.recent("trust", "acme", Instant.EPOCH, 10).isEmpty());
        DecisionRecord record = pooled.recent("trust", "globex", Instant.EPOCH, 10).get(0);
        assertThat(record.decisionId()).isEqualTo(globex.get("decision_id").asText());
        assertThat(record.bundles()).containsEntry("tenant-globex", BundleStore.DEFAULT_REVISION)
                .containsEntry("tenant-acme", "acme-policy@1");
    }

    /** The bundle with one file's text changed, its original .signatures.json kept. */
    static SignedBundle tamper(SignedBundle bundle, String name, UnaryOperator<String> change) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (TarEntries.Entry entry : TarEntries.read(bundle.bytes()).entries()) {
            files.put(entry.name(), entry.name().equals(name)
                    ? change.apply(entry.text()).getBytes(java.nio.charset.StandardCharsets.UTF_8) : entry.content());
        }
        assertThat(new String(files.get(name), java.nio.charset.StandardCharsets.UTF_8))
                .isNotEqualTo(TarEntries.read(bundle.bytes()).get(name).text());
        byte[] bytes = BundleArchive.gzip(BundleArchive.tar(files));
        return new SignedBundle(bytes, "sha256:tampered-" + java.util.HexFormat.of().formatHex(
                BundleSigner.sha256(bytes)), bundle.revision());
    }
}
