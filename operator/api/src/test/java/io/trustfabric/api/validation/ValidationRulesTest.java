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
        assertThat(violations(invalid.broken()))
                .containsExactlyInAnyOrderElementsOf(invalid.reported().stream().map(Violation::javaForm).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedCases")
    void generatedCaseGetsItsViolation(InvalidCase invalid) {
        assertThat(violations(invalid.broken())).contains(invalid.expected().get(0).javaForm());
    }

    @Test
    void celRulesAreSkippedAfterABlockingViolation() {
        ObjectNode tenant = (ObjectNode) ApiReferenceExamples.first("Tenant");
        spec(tenant).withArray("modes").add("psi-all");
        spec(tenant).with("dataset").put("inline", "a@example.com");
        assertThat(violations(tenant)).containsExactly("spec.modes[1]: Unsupported value: \"psi-all\"",
                "<root>: " + CrdObjectValidator.CEL_NOT_CHECKED);

        spec(tenant).withArray("modes").remove(1);
        assertThat(violations(tenant))
                .containsExactly("spec.dataset: set exactly one of dataset.secretRef, dataset.configMapRef or dataset.inline");
    }

    @Test
    void validatorRejectsUnknownFieldsAsStrictFieldValidationDoes() {
        JsonNode tenant = ApiReferenceExamples.first("Tenant");
        spec(tenant).put("replicas", 3);
        assertThat(violations(tenant)).containsExactly("spec.replicas: unknown field");
    }

    @Test
    void boundsArePrintedAsTheApiServerPrintsThem() {
        ObjectNode tenant = (ObjectNode) ApiReferenceExamples.first("Tenant");
        spec(tenant).with("sla").put("availabilityPercent", 100.5);
        spec(tenant).with("workers").put("replicas", -1);
        assertThat(violations(tenant)).containsExactlyInAnyOrder(
                "spec.sla.availabilityPercent: should be less than or equal to 100",
                "spec.workers.replicas: should be greater than or equal to 0");
    }

    static ObjectNode spec(JsonNode object) {
        return (ObjectNode) object.get("spec");
    }

    static List<String> violations(JsonNode object) {
        return new CrdObjectValidator(GeneratedCrds.of(object.path("kind").asText())).validate(object);
    }
}
