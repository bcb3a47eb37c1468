package io.trustfabric.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.crds.CrdDocuments;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Evaluates the generated CRDs' validation (OpenAPI and CEL rules, with a Java CEL implementation) against the
 * examples of docs/api-reference.md and against broken variants of them, so a wrong rule fails here and not
 * only in a cluster.
 */
class ValidationRulesTest {

    static Stream<JsonNode> documentedExamples() {
        return ApiReferenceExamples.all().stream();
    }

    @ParameterizedTest
    @MethodSource("documentedExamples")
    void everyDocumentedExampleIsValid(JsonNode example) {
        assertThat(violations(example)).as("%s %s", example.path("kind").asText(), example.path("metadata").path("name").asText())
                .isEmpty();
    }

    @Test
    void everyKindHasADocumentedExample() {
        assertThat(documentedExamples().map(e -> e.path("kind").asText()).distinct())
                .containsExactlyInAnyOrderElementsOf(GeneratedCrds.byKind().keySet());
    }

    @Nested
    class TenantRules {
        @Test
        void datasetNeedsExactlyOneSource() {
            JsonNode tenant = ApiReferenceExamples.first("Tenant");
            spec(tenant).with("dataset").put("inline", "a@example.com");
            assertThat(violations(tenant)).containsExactly("spec.dataset: set exactly one of dataset.secretRef, dataset.configMapRef or dataset.inline");

            JsonNode none = ApiReferenceExamples.first("Tenant");
            spec(none).with("dataset").remove("secretRef");
            assertThat(violations(none)).containsExactly("spec.dataset: set exactly one of dataset.secretRef, dataset.configMapRef or dataset.inline");
        }

        @Test
        void burstBelowRateIsRefused() {
            JsonNode tenant = ApiReferenceExamples.first("Tenant");
            spec(tenant).with("defaultPartnerRate").put("burst", 10);
            assertThat(violations(tenant)).containsExactly("spec.defaultPartnerRate: burst must be at least requestsPerSecond");
        }

        @Test
        void unknownModeIsRefused() {
            JsonNode tenant = ApiReferenceExamples.first("Tenant");
            spec(tenant).withArray("modes").add("psi-all");
            assertThat(violations(tenant)).containsExactly("spec.modes[1]: Unsupported value: \"psi-all\"");
        }

        @Test
        void conditionStatusMustBeTrueFalseOrUnknown() {
            ObjectNode tenant = (ObjectNode) ApiReferenceExamples.first("Tenant");
            ObjectNode condition = tenant.with("status").withArray("conditions").addObject();
            condition.put("type", "Ready").put("status", "Maybe");
            assertThat(violations(tenant)).containsExactly("status.conditions[0].status: status must be True, False or Unknown");
        }
    }

    @Nested
    class PartnerAllowlistRules {
        @Test
        void partnerIdsMustBeUnique() {
            JsonNode allowlist = ApiReferenceExamples.first("PartnerAllowlist");
            partner(allowlist, 1).put("id", "globex");
            assertThat(violations(allowlist)).containsExactly("spec.partners: partner ids must be unique within the list");
        }

        @Test
        void credentialsNeedExactlyOneMethod() {
            JsonNode both = ApiReferenceExamples.first("PartnerAllowlist");
            partner(both, 0).with("credentials").putObject("clientCertificate").put("subject", "CN=globex");
            assertThat(violations(both)).containsExactly(
                    "spec.partners[0].credentials: set exactly one of credentials.apiKeySecretRef or credentials.clientCertificate");

            JsonNode none = ApiReferenceExamples.first("PartnerAllowlist");
            partner(none, 1).with("credentials").removeAll();
            assertThat(violations(none)).containsExactly(
                    "spec.partners[1].credentials: set exactly one of credentials.apiKeySecretRef or credentials.clientCertificate");
        }

        @Test
        void partnerIdMustBeADnsLabel() {
            JsonNode allowlist = ApiReferenceExamples.first("PartnerAllowlist");
            partner(allowlist, 0).put("id", "Globex_EU");
            assertThat(violations(allowlist)).singleElement().asString().startsWith("spec.partners[0].id: should match");
        }

        @Test
        void expiresMustBeAnRfc3339Time() {
            JsonNode allowlist = ApiReferenceExamples.first("PartnerAllowlist");
            partner(allowlist, 0).put("expires", "31.12.2026");
            assertThat(violations(allowlist)).singleElement().asString().startsWith("spec.partners[0].expires: should match");
        }

        private ObjectNode partner(JsonNode allowlist, int index) {
            return (ObjectNode) spec(allowlist).withArray("partners").get(index);
        }
    }

    @Nested
    class PrivacyBudgetRules {
        @Test
        void epsilonMustBePositiveWithAtMostSixDecimals() {
            for (String zero : List.of("0", "0.0", "000.000000")) {
                JsonNode budget = ApiReferenceExamples.first("PrivacyBudget");
                spec(budget).put("epsilonPerPeriod", zero);
                assertThat(violations(budget)).as(zero).containsExactly("spec.epsilonPerPeriod: epsilonPerPeriod must be greater than 0");
            }
            for (String malformed : List.of("1.1234567", "-1", "1e3", "ten")) {
                JsonNode budget = ApiReferenceExamples.first("PrivacyBudget");
                spec(budget).put("epsilonPerPeriod", malformed);
                assertThat(violations(budget)).as(malformed).anyMatch(v -> v.startsWith("spec.epsilonPerPeriod: should match"));
            }
            JsonNode tiny = ApiReferenceExamples.first("PrivacyBudget");
            spec(tiny).put("epsilonPerPeriod", "0.000001");
            assertThat(violations(tiny)).isEmpty();
        }

        @Test
        void costMustPriceAPositiveMode() {
            JsonNode empty = ApiReferenceExamples.first("PrivacyBudget");
            spec(empty).with("cost").removeAll();
            assertThat(violations(empty)).containsExactly("spec.cost: cost must price at least one mode (psi-ca or psi)");

            JsonNode zero = ApiReferenceExamples.first("PrivacyBudget");
            spec(zero).with("cost").put("psi-ca", "0.0");
            assertThat(violations(zero)).containsExactly("spec.cost.psi-ca: a query cost must be greater than 0");

            JsonNode onlyPsi = ApiReferenceExamples.first("PrivacyBudget");
            spec(onlyPsi).with("cost").remove("psi-ca");
            assertThat(violations(onlyPsi)).isEmpty();
        }

        @Test
        void periodIsCalendarOrEveryButNotBoth() {
            JsonNode both = ApiReferenceExamples.first("PrivacyBudget");
            spec(both).with("period").put("every", "720h");
            assertThat(violations(both)).containsExactlyInAnyOrder("spec.period: set exactly one of period.calendar or period.every");

            JsonNode neither = ApiReferenceExamples.first("PrivacyBudget");
            spec(neither).with("period").remove("calendar");
            assertThat(violations(neither)).containsExactlyInAnyOrder("spec.period: set exactly one of period.calendar or period.every",
                    "spec.period: period.timeZone only applies to period.calendar");

            JsonNode rolling = ApiReferenceExamples.first("PrivacyBudget");
            spec(rolling).with("period").removeAll().put("every", "720h");
            assertThat(violations(rolling)).isEmpty();

            JsonNode zero = ApiReferenceExamples.first("PrivacyBudget");
            spec(zero).with("period").removeAll().put("every", "0h");
            assertThat(violations(zero)).containsExactly("spec.period.every: period.every must be longer than 0");
        }

        @Test
        void alertThresholdsAreStrictlyAscendingPercentages() {
            assertThat(violationsWithThresholds(10, 20, 30, 40, 99)).isEmpty();
            assertThat(violationsWithThresholds(80, 50)).containsExactly("spec.alertThresholds: alertThresholds must be strictly ascending");
            assertThat(violationsWithThresholds(50, 50)).containsExactly("spec.alertThresholds: alertThresholds must be strictly ascending");
            assertThat(violationsWithThresholds(10, 20, 30, 50, 40)).containsExactly("spec.alertThresholds: alertThresholds must be strictly ascending");
            assertThat(violationsWithThresholds(0, 50)).containsExactly("spec.alertThresholds: alertThresholds must be between 1 and 99 percent");
            assertThat(violationsWithThresholds(50, 100)).containsExactly("spec.alertThresholds: alertThresholds must be between 1 and 99 percent");
            assertThat(violationsWithThresholds(10, 20, 30, 40, 50, 60)).containsExactly("spec.alertThresholds: must have at most 5 items");
        }

        @Test
        void onExhaustedOnlyRejects() {
            JsonNode budget = ApiReferenceExamples.first("PrivacyBudget");
            spec(budget).put("onExhausted", "Overdraw");
            assertThat(violations(budget)).containsExactly("spec.onExhausted: Unsupported value: \"Overdraw\"");
        }

        private List<String> violationsWithThresholds(int... thresholds) {
            JsonNode budget = ApiReferenceExamples.first("PrivacyBudget");
            ArrayNode array = spec(budget).putArray("alertThresholds");
            for (int t : thresholds) {
                array.add(t);
            }
            return violations(budget);
        }
    }

    @Nested
    class PolicyRules {
        @Test
        void macroVersionStartsAtOne() {
            JsonNode macro = ApiReferenceExamples.first("PolicyMacro");
            spec(macro).put("version", 0);
            assertThat(violations(macro)).contains("spec.version: should be greater than or equal to 1.0");
        }

        @Test
        void macroObjectIsNamedAfterMacroAndVersion() {
            ObjectNode macro = (ObjectNode) ApiReferenceExamples.first("PolicyMacro");
            spec(macro).put("version", 2);
            assertThat(violations(macro)).containsExactly(
                    "<root>: a PolicyMacro must be named <spec.macro>-v<spec.version> (e.g. residency-v1), so each macro version exists once");
            macro.with("metadata").put("name", "residency-v2");
            assertThat(violations(macro)).isEmpty();
        }

        @Test
        void ruleNamesMustBeUnique() {
            JsonNode policy = ApiReferenceExamples.first("TrustPolicy");
            ((ObjectNode) spec(policy).withArray("rules").get(2)).put("name", "eu-only");
            assertThat(violations(policy)).containsExactly("spec.rules: rule names must be unique within the policy");
        }

        @Test
        void macroReferenceNeedsAVersion() {
            JsonNode policy = ApiReferenceExamples.first("TrustPolicy");
            ((ObjectNode) spec(policy).withArray("rules").get(0)).put("macro", "residency");
            assertThat(violations(policy)).singleElement().asString().startsWith("spec.rules[0].macro: should match");
        }

        @Test
        void enforcementActionIsEnforceWarnOrDryrun() {
            JsonNode policy = ApiReferenceExamples.first("TrustPolicy");
            ((ObjectNode) spec(policy).withArray("rules").get(0)).put("enforcementAction", "audit");
            assertThat(violations(policy)).containsExactly("spec.rules[0].enforcementAction: Unsupported value: \"audit\"");
        }

        @Test
        void ruleArgumentsKeepAnyShape() {
            JsonNode policy = ApiReferenceExamples.first("TrustPolicy");
            ((ObjectNode) spec(policy).withArray("rules").get(0)).with("with").putObject("nested").putArray("deep").add(1).add("x");
            assertThat(violations(policy)).isEmpty();
        }
    }

    @Nested
    class WhatIfScenarioRules {
        @Test
        void candidateBlockMustMatchTheTemplate() {
            JsonNode missing = ApiReferenceExamples.first("WhatIfScenario");
            spec(missing).put("template", "worker-pin");
            assertThat(violations(missing)).containsExactlyInAnyOrder("spec: set policyTweak exactly when template is policy-tweak",
                    "spec: set workerPin exactly when template is worker-pin");

            JsonNode extra = ApiReferenceExamples.first("WhatIfScenario");
            spec(extra).putObject("workerPin").put("image", "trust-fabric-worker:1.4.0");
            assertThat(violations(extra)).containsExactly("spec: set workerPin exactly when template is worker-pin");

            JsonNode pin = ApiReferenceExamples.first("WhatIfScenario");
            spec(pin).put("template", "worker-pin").remove("policyTweak");
            spec(pin).putObject("workerPin").put("image", "trust-fabric-worker:1.4.0");
            assertThat(violations(pin)).isEmpty();
        }

        @Test
        void budgetChangeMustChangeSomething() {
            JsonNode scenario = ApiReferenceExamples.first("WhatIfScenario");
            spec(scenario).put("template", "budget-change").remove("policyTweak");
            spec(scenario).putObject("budgetChange").put("budgetRef", "acme-globex");
            assertThat(violations(scenario)).containsExactly("spec.budgetChange: budgetChange must change epsilonPerPeriod or cost");
        }

        @Test
        void windowMustBeAPositiveDuration() {
            JsonNode scenario = ApiReferenceExamples.first("WhatIfScenario");
            spec(scenario).put("window", "0s");
            assertThat(violations(scenario)).containsExactly("spec.window: window must be longer than 0");
            spec(scenario).put("window", "1 day");
            assertThat(violations(scenario)).singleElement().asString().startsWith("spec.window: should match");
        }

        @Test
        void statusByPartnerIsBounded() {
            ObjectNode scenario = (ObjectNode) ApiReferenceExamples.first("WhatIfScenario");
            ObjectNode byPartner = scenario.with("status").with("summary").with("byPartner");
            for (int i = 0; i < 50; i++) {
                byPartner.put("partner-" + i, i);
            }
            assertThat(violations(scenario)).isEmpty();
            byPartner.put("partner-50", 1);
            assertThat(violations(scenario)).containsExactly("status.summary.byPartner: byPartner lists at most 50 partners");
        }

        @Test
        void unknownTemplateIsRefused() {
            JsonNode scenario = ApiReferenceExamples.first("WhatIfScenario");
            spec(scenario).put("template", "policy-rewrite");
            assertThat(violations(scenario)).contains("spec.template: Unsupported value: \"policy-rewrite\"");
        }
    }

    @Nested
    class CanaryLaneRules {
        @Test
        void candidateMustDifferFromBaseline() {
            JsonNode canary = ApiReferenceExamples.first("CanaryLane");
            spec(canary).with("candidate").put("image", "trust-fabric-worker:1.3.0");
            assertThat(violations(canary)).containsExactly("spec: candidate.image must differ from baseline.image");
        }

        @Test
        void latencyConfidenceIsStrictlyBetweenZeroAndOne() {
            for (String bad : List.of("1", "1.0", "0", "0.0", "0.990", "95")) {
                JsonNode canary = ApiReferenceExamples.first("CanaryLane");
                spec(canary).with("judge").put("latencyConfidence", bad);
                assertThat(violations(canary)).as(bad).singleElement().asString().startsWith("spec.judge.latencyConfidence: should match");
            }
        }

        @Test
        void goldenQueriesAreBounded() {
            JsonNode canary = ApiReferenceExamples.first("CanaryLane");
            spec(canary).with("goldenQueries").put("queries", 0);
            assertThat(violations(canary)).containsExactly("spec.goldenQueries.queries: should be greater than or equal to 1.0");
        }

        @Test
        void defaultsApplyWhenJudgeIsOmitted() {
            JsonNode canary = ApiReferenceExamples.first("CanaryLane");
            spec(canary).remove("judge");
            spec(canary).with("goldenQueries").remove("every");
            assertThat(violations(canary)).isEmpty();
        }
    }

    static ObjectNode spec(JsonNode object) {
        return (ObjectNode) object.get("spec");
    }

    static List<String> violations(JsonNode object) {
        return new CrdObjectValidator(GeneratedCrds.of(object.path("kind").asText())).validate(object);
    }

    @Test
    void validatorRejectsUnknownFieldsLikeTheApiServerPrunes() {
        JsonNode tenant = ApiReferenceExamples.first("Tenant");
        spec(tenant).put("replicas", 3);
        assertThat(violations(tenant)).containsExactly("spec.replicas: unknown field");
        assertThat(CrdDocuments.parse("a: 1")).isNotNull();
    }
}
