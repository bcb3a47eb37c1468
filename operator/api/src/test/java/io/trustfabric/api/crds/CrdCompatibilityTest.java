package io.trustfabric.api.crds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrdCompatibilityTest {

    private static final String BASE = """
            type: object
            properties:
              spec:
                type: object
                required: [tenantRef]
                properties:
                  tenantRef: { type: string }
                  mode: { type: string, enum: [psi, psi-ca] }
                  replicas: { type: integer }
                  partners:
                    type: array
                    items:
                      type: object
                      properties:
                        id: { type: string }
                        region: { type: string }
                  labels:
                    type: object
                    additionalProperties: { type: string }
            """;

    @Test
    void identicalSchemasAreCompatible() {
        assertThat(compare(BASE, BASE)).isEmpty();
    }

    @Test
    void addedOptionalFieldIsCompatible() {
        String after = BASE.replace("      replicas: { type: integer }", "      replicas: { type: integer }\n      displayName: { type: string }");
        assertThat(after).isNotEqualTo(BASE);
        assertThat(compare(BASE, after)).isEmpty();
    }

    @Test
    void removedFieldIsBreaking() {
        String after = BASE.replace("      replicas: { type: integer }\n", "");
        assertThat(compare(BASE, after)).extracting(BreakingChange::path, BreakingChange::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.replicas", "property removed"));
    }

    @Test
    void removedFieldInsideListItemsIsBreakingWithItsPath() {
        String after = BASE.replace("            region: { type: string }\n", "");
        assertThat(compare(BASE, after)).singleElement().extracting(BreakingChange::path).isEqualTo("spec.partners[].region");
    }

    @Test
    void changedTypeIsBreaking() {
        String after = BASE.replace("replicas: { type: integer }", "replicas: { type: string }");
        assertThat(compare(BASE, after)).singleElement().extracting(BreakingChange::reason)
                .isEqualTo("type changed from integer to string");
    }

    @Test
    void changedTypeOfMapValuesIsBreaking() {
        String after = BASE.replace("additionalProperties: { type: string }", "additionalProperties: { type: integer }");
        assertThat(compare(BASE, after)).singleElement().extracting(BreakingChange::path).isEqualTo("spec.labels{}");
    }

    @Test
    void newlyRequiredFieldIsBreaking() {
        String existing = BASE.replace("required: [tenantRef]", "required: [tenantRef, replicas]");
        assertThat(compare(BASE, existing)).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo("spec.replicas");
            assertThat(change.reason()).isEqualTo("field is newly required");
        });
        String added = BASE.replace("required: [tenantRef]", "required: [tenantRef, dataset]")
                .replace("      replicas: { type: integer }", "      replicas: { type: integer }\n      dataset: { type: string }");
        assertThat(compare(BASE, added)).singleElement().extracting(BreakingChange::path).isEqualTo("spec.dataset");
    }

    @Test
    void noLongerRequiredIsCompatible() {
        String after = BASE.replace("required: [tenantRef]", "required: []");
        assertThat(compare(BASE, after)).isEmpty();
    }

    @Test
    void narrowedEnumIsBreakingAndWidenedEnumIsNot() {
        String narrowed = BASE.replace("enum: [psi, psi-ca]", "enum: [psi-ca]");
        assertThat(compare(BASE, narrowed)).singleElement().extracting(BreakingChange::reason)
                .isEqualTo("enum narrowed, values removed: [psi]");
        String widened = BASE.replace("enum: [psi, psi-ca]", "enum: [psi, psi-ca, psi-sum]");
        assertThat(compare(BASE, widened)).isEmpty();
    }

    @Test
    void enumOnAFreeFieldIsBreakingAndDroppingItIsNot() {
        String restricted = BASE.replace("replicas: { type: integer }", "replicas: { type: integer, enum: [1, 2] }");
        assertThat(compare(BASE, restricted)).singleElement().extracting(BreakingChange::path).isEqualTo("spec.replicas");
        assertThat(compare(restricted, BASE)).isEmpty();
    }

    @Test
    void openingAFieldToAnyValueIsCompatible() {
        String anything = BASE.replace("replicas: { type: integer }", "replicas: { x-kubernetes-preserve-unknown-fields: true }");
        assertThat(compare(BASE, anything)).isEmpty();
        assertThat(compare(anything, BASE)).singleElement().extracting(BreakingChange::reason)
                .isEqualTo("type changed from any to integer");
    }

    @Test
    void removedCrdVersionAndChangedScopeAreBreaking() {
        JsonNode before = crd("Namespaced", "v1alpha1");
        assertThat(CrdCompatibility.compareAll(Map.of("a.trustfabric.io", before), Map.of())).singleElement()
                .extracting(BreakingChange::reason).isEqualTo("CRD removed");
        assertThat(CrdCompatibility.compare(before, crd("Cluster", "v1alpha1"))).singleElement()
                .extracting(BreakingChange::reason).isEqualTo("scope changed from Namespaced to Cluster");
        assertThat(CrdCompatibility.compare(before, crd("Namespaced", "v1beta1"))).singleElement()
                .extracting(BreakingChange::reason).isEqualTo("version removed");
        assertThat(CrdCompatibility.compareAll(Map.of("a.trustfabric.io", before),
                Map.of("a.trustfabric.io", crd("Namespaced", "v1alpha1"), "b.trustfabric.io", before))).isEmpty();
    }

    private static JsonNode crd(String scope, String version) {
        return CrdDocuments.parse("""
                metadata: { name: a.trustfabric.io }
                spec:
                  scope: %s
                  versions:
                  - name: %s
                    schema:
                      openAPIV3Schema:
                        type: object
                """.formatted(scope, version));
    }

    private static List<BreakingChange> compare(String before, String after) {
        return CrdCompatibility.compareSchemas("test", CrdDocuments.parse(before), CrdDocuments.parse(after));
    }
}
