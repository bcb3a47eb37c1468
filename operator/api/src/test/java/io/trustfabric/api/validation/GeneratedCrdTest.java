package io.trustfabric.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustfabric.api.crds.CrdDocuments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every generated CRD must offer a user: kubectl explain, get, short names, status, bounded status. */
class GeneratedCrdTest {

    static Stream<String> kinds() {
        return Stream.of("Tenant", "PartnerAllowlist", "PrivacyBudget", "PolicyMacro", "TrustPolicy", "WhatIfScenario",
                "CanaryLane");
    }

    @Test
    void generatesExactlyTheSevenKinds() {
        assertThat(GeneratedCrds.byKind().keySet()).containsExactlyInAnyOrderElementsOf(kinds().toList());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyPropertyHasADescription(String kind) {
        List<String> undocumented = new ArrayList<>();
        collectUndocumented("", GeneratedCrds.schemaOf(kind), undocumented);
        assertThat(undocumented).as("properties of %s without a description (kubectl explain shows nothing)", kind).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void hasShortNamesAndTheTrustFabricCategory(String kind) {
        JsonNode names = GeneratedCrds.of(kind).path("spec").path("names");
        assertThat(names.path("shortNames").size()).as("short names of %s", kind).isPositive();
        assertThat(names.path("categories").toString()).contains("trustfabric");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void hasStatusSubresourceAndOneServedStoredVersion(String kind) {
        JsonNode versions = GeneratedCrds.of(kind).path("spec").path("versions");
        assertThat(versions.size()).isEqualTo(1);
        JsonNode version = versions.get(0);
        assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
        assertThat(version.path("served").asBoolean()).isTrue();
        assertThat(version.path("storage").asBoolean()).isTrue();
        assertThat(version.path("subresources").has("status")).as("status subresource of %s", kind).isTrue();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void checkedInCrdShowsStatusColumnsAndAgeLast(String kind) {
        Map<String, JsonNode> checkedIn = CrdDocuments.byCrdName(CrdDocuments.readDirectory(Path.of("..", "..", "crds")));
        JsonNode crd = checkedIn.get(GeneratedCrds.of(kind).path("metadata").path("name").asText());
        assertThat(crd).as("crds/ holds %s", kind).isNotNull();
        JsonNode columns = crd.path("spec").path("versions").get(0).path("additionalPrinterColumns");
        assertThat(columns.size()).as("printer columns of %s", kind).isGreaterThanOrEqualTo(3);
        assertThat(columns.get(columns.size() - 1).path("name").asText()).isEqualTo("Age");
        assertThat(columns.toString()).as("a column reads status").contains(".status.");
    }

    @Test
    void checkedInColumnsFollowTheModelsDeclaredOrder() {
        JsonNode tenant = CrdDocuments.byCrdName(CrdDocuments.readDirectory(Path.of("..", "..", "crds"))).get("tenants.trustfabric.io");
        List<String> names = new ArrayList<>();
        tenant.path("spec").path("versions").get(0).path("additionalPrinterColumns").forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).containsExactly("Ready", "Workers", "Endpoint", "Age");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void statusListsAreBounded(String kind) {
        List<String> unbounded = new ArrayList<>();
        collectUnboundedArrays("status", GeneratedCrds.schemaOf(kind).path("properties").path("status"), unbounded);
        assertThat(unbounded).as("status arrays of %s without maxItems", kind).isEmpty();
    }

    @Test
    void policyMacroIsClusterScopedAndEverythingElseNamespaced() {
        kinds().forEach(kind -> assertThat(GeneratedCrds.of(kind).path("spec").path("scope").asText()).as(kind)
                .isEqualTo(kind.equals("PolicyMacro") ? "Cluster" : "Namespaced"));
    }

    @Test
    void crossFieldRulesAreInTheSchema() {
        assertThat(rulesAt("PartnerAllowlist", "spec", "partners")).anyMatch(r -> r.contains("exists_one(q, q.id == p.id)"));
        assertThat(rulesAt("PartnerAllowlist", "spec", "partners", "[]", "credentials"))
                .containsExactly("has(self.apiKeySecretRef) != has(self.clientCertificate)");
        assertThat(rulesAt("PrivacyBudget", "spec", "period")).contains("has(self.calendar) != has(self.every)");
        assertThat(rulesAt("PrivacyBudget", "spec", "alertThresholds")).containsExactly("self.all(t, self.exists_one(u, u == t))");
        assertThat(rulesAt("PrivacyBudget", "spec", "epsilonPerPeriod")).containsExactly("self.matches('[1-9]')");
        assertThat(rulesAt("TrustPolicy", "spec", "rules")).anyMatch(r -> r.contains("exists_one(s, s.name == r.name)"));
        assertThat(rulesAt("WhatIfScenario", "spec")).hasSize(5).allMatch(r -> r.contains("self.template =="));
        assertThat(rulesAt("CanaryLane", "spec")).containsExactly("self.baseline.image != self.candidate.image");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyCelRuleCompiles(String kind) {
        List<String> rules = new ArrayList<>();
        collectRules(GeneratedCrds.schemaOf(kind), rules);
        assertThat(rules).isNotEmpty();
        rules.forEach(CelRule::compile);
    }

    private static List<String> rulesAt(String kind, String... path) {
        JsonNode node = GeneratedCrds.schemaOf(kind);
        for (String step : path) {
            node = step.equals("[]") ? node.path("items") : node.path("properties").path(step);
        }
        List<String> rules = new ArrayList<>();
        node.path("x-kubernetes-validations").forEach(rule -> rules.add(rule.path("rule").asText()));
        return rules;
    }

    private static void collectRules(JsonNode schema, List<String> rules) {
        schema.path("x-kubernetes-validations").forEach(rule -> rules.add(rule.path("rule").asText()));
        schema.path("properties").forEach(child -> collectRules(child, rules));
        if (schema.has("items")) {
            collectRules(schema.get("items"), rules);
        }
        if (schema.path("additionalProperties").isObject()) {
            collectRules(schema.get("additionalProperties"), rules);
        }
    }

    private static void collectUndocumented(String path, JsonNode schema, List<String> undocumented) {
        JsonNode node = schema.has("items") ? schema.get("items") : schema;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String propertyPath = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            if (property.getValue().path("description").asText("").isBlank()) {
                undocumented.add(propertyPath);
            }
            collectUndocumented(propertyPath, property.getValue(), undocumented);
        }
    }

    private static void collectUnboundedArrays(String path, JsonNode schema, List<String> unbounded) {
        if ("array".equals(schema.path("type").asText()) && !schema.has("maxItems")) {
            unbounded.add(path);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            collectUnboundedArrays(path + "." + property.getKey(), property.getValue(), unbounded);
        }
        if (schema.has("items")) {
            collectUnboundedArrays(path + "[]", schema.get("items"), unbounded);
        }
    }
}
