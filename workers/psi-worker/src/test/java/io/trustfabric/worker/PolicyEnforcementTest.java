package io.trustfabric.worker;

import static io.trustfabric.worker.PolicyQueries.INITECH_KEY;
import static io.trustfabric.worker.PolicyQueries.auditLine;
import static io.trustfabric.worker.PolicyQueries.elementsProcessed;
import static io.trustfabric.worker.PolicyQueries.psiCa;
import static io.trustfabric.worker.policy.TestOpa.rule;
import static io.trustfabric.worker.policy.TestOpa.tenantData;
import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.OpaServer;
import io.trustfabric.psi.wire.PsiMediaTypes;
import io.trustfabric.testsupport.RequiresOpa;
import io.trustfabric.worker.audit.AuditLog;
import io.trustfabric.worker.policy.TestOpa;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real worker asking a real OPA (the test-only decision module of src/test/resources/policy-decision) about every
 * query: what each kind of decision does to the answer, its headers, the audit line and the work done.
 */
@RequiresOpa
class PolicyEnforcementTest {
    private static final List<String> SERVER_ITEMS = List.of("alice", "bob", "carol");
    private static final List<String> PARTNER_ITEMS = List.of("bob", "carol", "dave");
    private static final String GLOBEX_KEY = WorkerFixture.API_KEY;

    @TempDir
    Path dir;

    private static JsonObject euOnly(String action) {
        return rule("eu-only", "residency", action, new JsonObject().put("regions", new JsonArray().add("eu-west-1")));
    }

    private WorkerFixture worker(String opaUrl) throws Exception {
        JsonObject config = PolicyQueries.withInitech(WorkerFixture.config(dir, SERVER_ITEMS))
                .put("policy", new JsonObject().put("opaUrl", opaUrl).put("timeoutMillis", 5000));
        config.getJsonObject("tenant").put("trustPolicy", true);
        return WorkerFixture.startReady(dir, config);
    }

    @Test
    void anEnforcedDenialIs403PolicyDeniedWithItsRulesAndNothingIsComputed(ControlPlaneBinaries binaries) throws Exception {
        try (TestOpa opa = TestOpa.start(binaries, dir, tenantData("acme", 7, false, euOnly("enforce")));
             WorkerFixture worker = worker(opa.url());
             LogCapture log = new LogCapture(AuditLog.LOGGER_NAME)) {
            HttpResponse<String> denied = psiCa(worker, INITECH_KEY, PARTNER_ITEMS);

            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.headers().firstValue("Content-Type")).hasValue(PsiMediaTypes.PROBLEM_JSON);
            JsonObject problem = new JsonObject(denied.body());
            assertThat(problem.getString("type")).isEqualTo("https://trustfabric.io/problems/policy-denied");
            assertThat(problem.getJsonArray("denials")).containsExactly(new JsonObject().put("rule", "eu-only")
                    .put("macro", "residency@v1").put("code", "region-not-allowed")
                    .put("message", "partner region us-east-1 is not allowed"));
            assertThat(problem.getLong("revision")).isEqualTo(7);
            String decisionId = problem.getString("decisionId");
            assertThat(decisionId).isNotBlank();
            assertThat(denied.headers().firstValue("X-TrustFabric-Policy-Decision")).hasValue(decisionId);
            assertThat(denied.headers().firstValue("X-TrustFabric-Policy-Revision")).hasValue("acme@7");
            assertThat(elementsProcessed(worker)).isZero();
            JsonObject audit = auditLine(log, denied);
            assertThat(audit.getString("reason")).isEqualTo("policy-denied");
            assertThat(audit.getJsonObject("policy")).isEqualTo(new JsonObject().put("outcome", "denied")
                    .put("decisionId", decisionId).put("revision", "acme@7"));

            // the same rule lets the eu-west-1 partner through, with its own decision
            HttpResponse<String> allowed = psiCa(worker, GLOBEX_KEY, PARTNER_ITEMS);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("X-TrustFabric-Policy-Decision")).isPresent().get()
                    .isNotEqualTo(decisionId);
            assertThat(allowed.headers().firstValue("X-TrustFabric-Policy-Revision")).hasValue("acme@7");
            assertThat(allowed.headers().allValues("Warning")).isEmpty();
            assertThat(allowed.headers().firstValue("X-TrustFabric-Obligations")).isEmpty();
            assertThat(elementsProcessed(worker)).isEqualTo(PARTNER_ITEMS.size());
            assertThat(auditLine(log, allowed).getJsonObject("policy").getString("outcome")).isEqualTo("allowed");
        }
    }

    @Test
    void aWarnRuleAnswersWithOneWarningHeader(ControlPlaneBinaries binaries) throws Exception {
        try (TestOpa opa = TestOpa.start(binaries, dir, tenantData("acme", 3, false, euOnly("warn")));
             WorkerFixture worker = worker(opa.url())) {
            HttpResponse<String> answer = psiCa(worker, INITECH_KEY, PARTNER_ITEMS);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().allValues("Warning"))
                    .containsExactly("299 trust-fabric \"eu-only: partner region us-east-1 is not allowed\"");
            assertThat(answer.headers().firstValue("X-TrustFabric-Policy-Revision")).hasValue("acme@3");
            assertThat(elementsProcessed(worker)).isEqualTo(PARTNER_ITEMS.size());
        }
    }

    @Test
    void aDryrunRuleIsOnlyRecordedInTheAuditLine(ControlPlaneBinaries binaries) throws Exception {
        try (TestOpa opa = TestOpa.start(binaries, dir, tenantData("acme", 4, false, euOnly("dryrun")));
             WorkerFixture worker = worker(opa.url());
             LogCapture log = new LogCapture(AuditLog.LOGGER_NAME)) {
            HttpResponse<String> answer = psiCa(worker, INITECH_KEY, PARTNER_ITEMS);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().allValues("Warning")).isEmpty();
            JsonObject policy = auditLine(log, answer).getJsonObject("policy");
            assertThat(policy.getString("outcome")).isEqualTo("allowed");
            assertThat(policy.getString("decisionId"))
                    .isEqualTo(answer.headers().firstValue("X-TrustFabric-Policy-Decision").orElseThrow());
            assertThat(policy.getJsonArray("dryrun")).containsExactly(new JsonObject().put("rule", "eu-only")
                    .put("macro", "residency@v1").put("code", "region-not-allowed")
                    .put("message", "partner region us-east-1 is not allowed"));
        }
    }

    @Test
    void obligationsTravelAsCompactJsonInTheirHeader(ControlPlaneBinaries binaries) throws Exception {
        JsonObject k10 = rule("k10", "k-threshold", "enforce", new JsonObject().put("k", 10));
        try (TestOpa opa = TestOpa.start(binaries, dir, tenantData("acme", 5, false, k10));
             WorkerFixture worker = worker(opa.url())) {
            HttpResponse<String> answer = psiCa(worker, GLOBEX_KEY, PARTNER_ITEMS);

            assertThat(answer.statusCode()).isEqualTo(200);
            String header = answer.headers().firstValue("X-TrustFabric-Obligations").orElseThrow();
            assertThat(header).doesNotContain(" ");
            assertThat(new JsonArray(header)).containsExactly(new JsonObject().put("rule", "k10")
                    .put("macro", "k-threshold@v1").put("type", "suppress-count-below").put("k", 10));
            // the query is charged like any other: the partner can compute the count
            assertThat(elementsProcessed(worker)).isEqualTo(PARTNER_ITEMS.size());
        }
    }

    @Test
    void theDefaultPolicyAllowsWithItsNoPolicyWarning(ControlPlaneBinaries binaries) throws Exception {
        try (TestOpa opa = TestOpa.start(binaries, dir, tenantData("acme", 0, true));
             WorkerFixture worker = worker(opa.url())) {
            HttpResponse<String> answer = psiCa(worker, GLOBEX_KEY, PARTNER_ITEMS);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().allValues("Warning"))
                    .containsExactly("299 trust-fabric \"no-policy: no TrustPolicy governs this tenant\"");
            assertThat(answer.headers().firstValue("X-TrustFabric-Policy-Revision")).hasValue("acme@0");
        }
    }

    @Test
    void aRuleThatCannotBeEvaluatedDenies(ControlPlaneBinaries binaries) throws Exception {
        JsonObject unknown = rule("future", "not-in-this-bundle", "warn", new JsonObject());
        try (TestOpa opa = TestOpa.start(binaries, dir, tenantData("acme", 9, false, unknown));
             WorkerFixture worker = worker(opa.url())) {
            HttpResponse<String> denied = psiCa(worker, GLOBEX_KEY, PARTNER_ITEMS);

            assertThat(denied.statusCode()).isEqualTo(403);
            JsonObject problem = new JsonObject(denied.body());
            assertThat(problem.getString("type")).isEqualTo("https://trustfabric.io/problems/policy-denied");
            assertThat(problem.getJsonArray("denials").getJsonObject(0).getString("code")).isEqualTo("macro-not-loaded");
            assertThat(elementsProcessed(worker)).isZero();
        }
    }

    @Test
    void theVolumeOfAnsweredQueriesReachesThePolicy(ControlPlaneBinaries binaries) throws Exception {
        JsonObject cap = rule("two-per-hour", "volume-cap", "enforce", new JsonObject().put("maxQueriesPerHour", 2));
        try (TestOpa opa = TestOpa.start(binaries, dir, tenantData("acme", 2, false, cap));
             WorkerFixture worker = worker(opa.url())) {
            assertThat(psiCa(worker, GLOBEX_KEY, PARTNER_ITEMS).statusCode()).isEqualTo(200);
            assertThat(psiCa(worker, GLOBEX_KEY, List.of("bob", "zed")).statusCode()).isEqualTo(200);
            HttpResponse<String> third = psiCa(worker, GLOBEX_KEY, PARTNER_ITEMS);

            assertThat(third.statusCode()).isEqualTo(403);
            assertThat(new JsonObject(third.body()).getJsonArray("denials").getJsonObject(0).getString("message"))
                    .isEqualTo("2 queries (5 elements) in the last hour");
            // a denied query is not counted: another partner's volume is its own
            assertThat(psiCa(worker, INITECH_KEY, PARTNER_ITEMS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUndefinedDecisionIs503PolicyUnavailable(ControlPlaneBinaries binaries) throws Exception {
        try (TestOpa opa = TestOpa.start(binaries, dir, tenantData("some-other-tenant", 1, false));
             WorkerFixture worker = worker(opa.url())) {
            HttpResponse<String> refused = psiCa(worker, GLOBEX_KEY, PARTNER_ITEMS);

            assertThat(refused.statusCode()).isEqualTo(503);
            JsonObject problem = new JsonObject(refused.body());
            assertThat(problem.getString("type")).isEqualTo("https://trustfabric.io/problems/policy-unavailable");
            assertThat(problem.getString("detail")).contains("undefined");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("X-TrustFabric-Policy-Decision")).isEmpty();
            assertThat(elementsProcessed(worker)).isZero();
        }
    }

    @Test
    void anOpaWithoutDecisionLogsGivesNoDecisionIdAndIsRefused(ControlPlaneBinaries binaries) throws Exception {
        Path bundle = TestOpa.bundle(dir, tenantData("acme", 1, false));
        try (OpaServer opa = OpaServer.withBundles(binaries, dir.resolve("logs"), List.of(bundle));
             WorkerFixture worker = worker(opa.url())) {
            HttpResponse<String> refused = psiCa(worker, GLOBEX_KEY, PARTNER_ITEMS);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(refused.body()).getString("detail")).contains("decision_id");
            assertThat(elementsProcessed(worker)).isZero();
        }
    }
}
