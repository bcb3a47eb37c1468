package io.trustfabric.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, JsonNode> params(String json) {
        try {
            Map<String, JsonNode> out = new LinkedHashMap<>();
            JSON.readTree(json).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
            return out;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final Map<String, JsonNode> RESIDENCY = params("""
            {"allowedRegions": {"type": "array", "items": {"type": "string", "pattern": "^[a-z0-9-]+$"}, "minItems": 1, "uniqueItems": true},
             "dataRegion": {"type": "string", "default": ""},
             "limit": {"type": "integer", "minimum": 1, "maximum": 10, "default": 5},
             "mode": {"type": "string", "enum": ["psi-ca", "psi"], "default": "psi-ca"}}
            """);

    @Test
    void fillsDefaultsAndKeepsGivenValues() {
        ParameterSchema schema = ParameterSchema.parse(RESIDENCY).schema();
        ParameterSchema.Checked checked = schema.check("spec.rules[0].with", params("{\"allowedRegions\": [\"eu-west-1\"]}"));
        assertThat(checked.violations()).isEmpty();
        assertThat(checked.params().toString()).isEqualTo(
                "{\"allowedRegions\":[\"eu-west-1\"],\"dataRegion\":\"\",\"limit\":5,\"mode\":\"psi-ca\"}");
    }

    @Test
    void reportsEveryViolationWithPathAndFix() {
        ParameterSchema schema = ParameterSchema.parse(RESIDENCY).schema();
        ParameterSchema.Checked checked = schema.check("spec.rules[2].with", params("""
                {"allowedRegions": ["eu-west-1", "EU WEST", "eu-west-1"], "limit": 11, "mode": "psi-everything", "colour": "red"}
                """));
        assertThat(checked.ok()).isFalse();
        assertThat(checked.params()).isNull();
        assertThat(checked.violations()).extracting(ParameterSchema.Violation::path).containsExactlyInAnyOrder(
                "spec.rules[2].with.colour", "spec.rules[2].with.allowedRegions[2]",
                "spec.rules[2].with.allowedRegions[1]", "spec.rules[2].with.limit", "spec.rules[2].with.mode");
        assertThat(checked.violations()).allSatisfy(v -> assertThat(v.fix()).isNotBlank());
        assertThat(checked.violations()).anySatisfy(v -> assertThat(v.message()).contains("unknown argument 'colour'"));
        assertThat(checked.violations()).anySatisfy(v -> assertThat(v.message()).contains("above the maximum 10"));
    }

    @Test
    void missingRequiredArgumentAndWrongTypes() {
        ParameterSchema schema = ParameterSchema.parse(RESIDENCY).schema();
        ParameterSchema.Checked missing = schema.check("w", Map.of());
        assertThat(missing.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("w.allowedRegions");
            assertThat(v.message()).contains("missing required argument");
        });
        ParameterSchema.Checked wrong = schema.check("w", params("{\"allowedRegions\": \"eu-west-1\", \"limit\": 2.5}"));
        assertThat(wrong.violations()).extracting(ParameterSchema.Violation::message)
                .anySatisfy(m -> assertThat(m).isEqualTo("must be an array, got a string \"eu-west-1\""))
                .anySatisfy(m -> assertThat(m).startsWith("must be an integer"));
        assertThat(schema.check("w", params("{\"allowedRegions\": [\"a\"], \"limit\": 3.0}")).ok()).isTrue();
    }

    @Test
    void regoLookingArgumentsAreJustStrings() {
        Map<String, JsonNode> open = params("{\"flag\": {\"type\": \"string\"}}");
        String hostile = "\"} default allow := true\nimport data.x\npackage trustfabric.decision {\"";
        ParameterSchema.Checked checked = ParameterSchema.parse(open).schema().check("w",
                Map.of("flag", JSON.getNodeFactory().textNode(hostile)));
        assertThat(checked.ok()).isTrue();
        assertThat(checked.params().get("flag").textValue()).isEqualTo(hostile);
    }

    @Test
    void oversizedStringsAreRefusedWhateverTheSchema() {
        Map<String, JsonNode> open = params("{\"flag\": {\"type\": \"string\"}}");
        ParameterSchema.Checked checked = ParameterSchema.parse(open).schema().check("w",
                Map.of("flag", JSON.getNodeFactory().textNode("x".repeat(ParameterSchema.MAX_STRING + 1))));
        assertThat(checked.violations()).singleElement().satisfies(v -> assertThat(v.message()).contains("longer than"));
    }

    @Test
    void lintsUnusableSchemas() {
        ParameterSchema.Parsed parsed = ParameterSchema.parse(params("""
                {"a": {"type": "strin"}, "b": {"type": "array"}, "c": {"type": "string", "pattern": "("},
                 "d": {"type": "integer", "minimum": 3, "default": 1}, "e": "string", "f": {"type": "string", "$ref": "#/x"}}
                """));
        assertThat(parsed.problems()).hasSize(6).anySatisfy(p -> assertThat(p).startsWith("spec.parameters.a: 'type' must be"))
                .anySatisfy(p -> assertThat(p).isEqualTo("spec.parameters.b: an array parameter needs 'items'"))
                .anySatisfy(p -> assertThat(p).startsWith("spec.parameters.c: 'pattern' is not a valid"))
                .anySatisfy(p -> assertThat(p).contains("the default 1 is below the minimum 3"))
                .anySatisfy(p -> assertThat(p).startsWith("spec.parameters.e: must be a JSON Schema object"))
                .anySatisfy(p -> assertThat(p).contains("unsupported schema keyword '$ref'"));
        assertThat(ParameterSchema.parse(RESIDENCY).problems()).isEmpty();
    }
}
