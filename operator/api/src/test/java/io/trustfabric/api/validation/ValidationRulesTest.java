package io.trustfabric.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.validation.cases.InvalidCase;
import io.trustfabric.api.validation.cases.ValidObject;
import io.trustfabric.api.validation.cases.ValidationCases;
import io.trustfabric.api.validation.cases.Violation;
import io.trustfabric.api.validation.schema.GeneratedInvalidCases;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Evaluates the generated CRDs' validation (OpenAPI and CEL rules, with a Java CEL implementation) against the
 * examples of docs/api-reference.md, their valid variants and the invalid cases of ValidationCases and
 * GeneratedInvalidCases, so a wrong rule fails here and not only in a cluster. The realserver tests put the same
 * cases to the real API server.
 */
class ValidationRulesTest {

    static Stream<ValidObject> validObjects() {
        return ValidationCases.valid().stream();
    }

    static Stream<InvalidCase> handWrittenCases() {
        return ValidationCases.handWritten().stream();
    }

    static Stream<InvalidCase> generatedCases() {
        return GeneratedInvalidCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validObjects")
    void everyValidObjectIsValid(ValidObject valid) {
        assertThat(violations(valid.object())).isEmpty();
    }

    @Test
    void everyKindHasADocumentedExample() {
        assertThat(ApiReferenceExamples.all().stream().map(e -> e.path("kind").asText()).distinct())
                .containsExactlyInAnyOrderElementsOf(GeneratedCrds.byKind().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handWrittenCases")
    void handWrittenCaseGetsExactlyItsViolations(InvalidCase invalid) {
        List<FieldViolation> reported = validator(invalid.broken()).validate(invalid.broken()).violations();
        List<Violation> expected = invalid.reported();
        assertThat(reported).as("violations of %s (expected %s)", invalid, expected).hasSameSizeAs(expected)
                .allSatisfy(v -> assertThat(expected).as(v.toString()).anyMatch(e -> e.matches(v)));
        expected.forEach(e -> assertThat(reported).as("%s among the violations", e).anyMatch(e::matches));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedCases")
    void generatedCaseGetsItsViolation(InvalidCase invalid) {
        Violation expected = invalid.expected().get(0);
        assertThat(validator(invalid.broken()).validate(invalid.broken()).violations()).anyMatch(expected::matches);
    }

    @Test
    void celRulesAreSkippedAfterABlockingViolation() {
        ObjectNode tenant = (ObjectNode) ApiReferenceExamples.first("Tenant");
        spec(tenant).withArray("modes").add("psi-all");
        spec(tenant).with("dataset").put("inline", "a@example.com");
        assertThat(violations(tenant)).containsExactly(
                "spec.modes[1]: Unsupported value: \"psi-all\": supported values: \"psi\", \"psi-ca\"",
                "<nil>: Invalid value: \"null\": " + CrdObjectValidator.CEL_NOT_CHECKED);

        spec(tenant).withArray("modes").remove(1);
        assertThat(violations(tenant)).containsExactly("spec.dataset: Invalid value: \"object\": set exactly one of"
                + " dataset.secretRef, dataset.configMapRef or dataset.inline");
    }

    @Test
    void unknownFieldsArePrunedAndNamed() {
        JsonNode tenant = ApiReferenceExamples.first("Tenant");
        spec(tenant).put("replicas", 3);
        spec(tenant).with("workers").put("replcas", 2);
        ValidationResult result = validator(tenant).validate(tenant);
        assertThat(result.unknownFields()).containsExactly("spec.workers.replcas", "spec.replicas");
        assertThat(result.unknownFieldsMessage())
                .isEqualTo("strict decoding error: unknown field \"spec.workers.replcas\", unknown field \"spec.replicas\"");
        assertThat(result.violations()).isEmpty();
        assertThat(result.pruned().get("spec").has("replicas")).isFalse();
        assertThat(result.pruned().get("spec").get("workers").has("replcas")).isFalse();
        assertThat(result.pruned().get("spec").get("workers")).isNotEmpty();
        assertThat(tenant.get("spec").has("replicas")).as("the object given stays as it was").isTrue();
    }

    @Test
    void prunedObjectGetsNoDefaults() {
        JsonNode tenant = ApiReferenceExamples.first("Tenant");
        ValidationResult result = validator(tenant).validate(tenant);
        assertThat(result.pruned()).isEqualTo(tenant);
    }

    @Test
    void updateIsNotRefusedForAViolationItLeavesAsItWas() {
        ObjectNode stored = (ObjectNode) ApiReferenceExamples.first("Tenant");
        spec(stored).withArray("modes").add("psi-all");
        ObjectNode statusWrite = stored.deepCopy();
        statusWrite.with("status").put("observedGeneration", 1);
        assertThat(validator(stored).validateUpdate(statusWrite, stored).violations()).isEmpty();

        ObjectNode specChange = stored.deepCopy();
        spec(specChange).withArray("modes").set(1, "psi-everything");
        assertThat(validator(stored).validateUpdate(specChange, stored).violations()).extracting(Object::toString)
                .containsExactly("spec.modes[1]: Unsupported value: \"psi-everything\": supported values: \"psi\", \"psi-ca\"",
                        "<nil>: Invalid value: \"null\": " + CrdObjectValidator.CEL_NOT_CHECKED);
    }

    @Test
    void refusalMessageIsTheApiServers() {
        ObjectNode tenant = (ObjectNode) ApiReferenceExamples.first("Tenant");
        spec(tenant).with("workers").put("replicas", -1);
        assertThat(validator(tenant).validate(tenant).invalidMessage("Tenant", "trustfabric.io", "acme"))
                .isEqualTo("Tenant.trustfabric.io \"acme\" is invalid: spec.workers.replicas: Invalid value: -1:"
                        + " spec.workers.replicas in body should be greater than or equal to 0");
    }

    @Test
    void boundsArePrintedAsTheApiServerPrintsThem() {
        ObjectNode tenant = (ObjectNode) ApiReferenceExamples.first("Tenant");
        spec(tenant).with("sla").put("availabilityPercent", 100.5);
        spec(tenant).with("workers").put("replicas", -1);
        assertThat(violations(tenant)).containsExactlyInAnyOrder(
                "spec.sla.availabilityPercent: Invalid value: 100.5: spec.sla.availabilityPercent in body should be"
                        + " less than or equal to 100",
                "spec.workers.replicas: Invalid value: -1: spec.workers.replicas in body should be greater than or"
                        + " equal to 0");
    }

    static ObjectNode spec(JsonNode object) {
        return (ObjectNode) object.get("spec");
    }

    static List<String> violations(JsonNode object) {
        return validator(object).validate(object).violations().stream().map(FieldViolation::toString).toList();
    }

    static CrdObjectValidator validator(JsonNode object) {
        return new CrdObjectValidator(GeneratedCrds.of(object.path("kind").asText()));
    }
}
