package io.trustfabric.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.trustfabric.api.common.Condition;
import io.trustfabric.api.validation.ApiReferenceExamples;
import org.junit.jupiter.api.Test;

/** The Java model reads what users write (the documented examples) and writes the same field names back. */
class ModelRoundTripTest {

    @Test
    void tenantKeepsItsFieldsAndStatusExtensions() {
        Tenant tenant = read("Tenant", Tenant.class);
        assertThat(tenant.getSpec().getModes()).containsExactly(QueryMode.PSI_CA);
        assertThat(tenant.getSpec().getDataset().getNormalization()).isEqualTo(Normalization.EMAIL_LOWERCASE_SHA256);
        assertThat(tenant.getSpec().getWorkers().getResources().getRequests()).containsKey("memory");

        TenantStatus status = new TenantStatus();
        status.setReceiptKey(new ReceiptKey("acme-2026-11", "MCowBQYDK2VwAyEA"));
        status.getConditions().add(new Condition("Ready", Condition.TRUE, "AllComponentsReady", ""));
        tenant.setStatus(status);
        JsonNode json = Serialization.jsonMapper().valueToTree(tenant);
        assertThat(json.at("/status/receiptKey/keyId").asText()).isEqualTo("acme-2026-11");
        assertThat(json.at("/status/conditions/0").has("true")).as("helper methods are not serialized").isFalse();
    }

    @Test
    void privacyBudgetCostUsesModeNamesOnTheWire() {
        PrivacyBudget budget = read("PrivacyBudget", PrivacyBudget.class);
        assertThat(budget.getSpec().getCost().getPsiCa()).isEqualTo("0.1");
        assertThat(budget.getSpec().getPeriod().getCalendar()).isEqualTo(CalendarPeriod.Monthly);
        assertThat(budget.getSpec().getOnExhausted()).isEqualTo(ExhaustionAction.Reject);
        JsonNode json = Serialization.jsonMapper().valueToTree(budget);
        assertThat(json.at("/spec/cost").fieldNames()).toIterable().containsExactlyInAnyOrder("psi-ca", "psi");
    }

    @Test
    void partnerCredentialsAreReadAsWritten() {
        PartnerAllowlist allowlist = read("PartnerAllowlist", PartnerAllowlist.class);
        assertThat(allowlist.getSpec().getPartners()).extracting(Partner::getId).containsExactly("globex", "initech");
        assertThat(allowlist.getSpec().getPartners().get(0).getCredentials().getApiKeySecretRef().getName()).isEqualTo("globex-api-key");
        assertThat(allowlist.getSpec().getPartners().get(1).getCredentials().getClientCertificate().getSubject()).isEqualTo("CN=initech-psi");
    }

    @Test
    void policyRuleArgumentsStayTypedDataUnderWith() {
        TrustPolicy policy = read("TrustPolicy", TrustPolicy.class);
        PolicyRule euOnly = policy.getSpec().getRules().get(0);
        assertThat(euOnly.getArguments().get("allowedRegions").get(1).asText()).isEqualTo("eu-central-1");
        assertThat(euOnly.getEnforcementAction()).isEqualTo(EnforcementAction.enforce);
        assertThat(policy.getSpec().getRules().get(1).getEnforcementAction()).as("default").isEqualTo(EnforcementAction.enforce);
        assertThat(policy.getSpec().getRules().get(1).getArguments().get("minSetSize").isInt()).isTrue();
        JsonNode json = Serialization.jsonMapper().valueToTree(policy);
        assertThat(json.at("/spec/rules/0/with/allowedRegions/0").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void macroReferenceIsNameAtVersion() {
        PolicyMacro macro = read("PolicyMacro", PolicyMacro.class);
        assertThat(macro.getSpec().reference()).isEqualTo("min-set@v1");
        assertThat(macro.getSpec().getParameters().get("min").path("minimum").asInt()).isEqualTo(1);
        assertThat(macro.getSpec().getRego()).startsWith("package trustfabric.macros[\"min-set\"].v1");
    }

    @Test
    void scenarioTemplateUsesKebabCaseOnTheWire() {
        WhatIfScenario scenario = read("WhatIfScenario", WhatIfScenario.class);
        assertThat(scenario.getSpec().getTemplate()).isEqualTo(ScenarioTemplate.POLICY_TWEAK);
        assertThat(scenario.getSpec().getPolicyTweak().getRules()).hasSize(1);
        JsonNode json = Serialization.jsonMapper().valueToTree(scenario);
        assertThat(json.at("/spec/template").asText()).isEqualTo("policy-tweak");
    }

    @Test
    void canaryRunPValueKeepsItsCamelCase() {
        CanaryLane canary = read("CanaryLane", CanaryLane.class);
        assertThat(canary.getSpec().getJudge().getLatencyConfidence()).isEqualTo("0.99");
        CanaryLaneStatus status = new CanaryLaneStatus();
        CanaryRun run = new CanaryRun();
        run.setPValue("0.41");
        status.setLastRun(run);
        status.setVerdict(CanaryVerdict.Healthy);
        canary.setStatus(status);
        JsonNode json = Serialization.jsonMapper().valueToTree(canary);
        assertThat(json.at("/status/lastRun/pValue").asText()).isEqualTo("0.41");
        assertThat(Serialization.unmarshal(Serialization.asJson(canary), CanaryLane.class).getStatus().getLastRun().getPValue())
                .isEqualTo("0.41");
    }

    private static <T> T read(String kind, Class<T> type) {
        return Serialization.unmarshal(ApiReferenceExamples.first(kind).toString(), type);
    }
}
