package io.trustfabric.api.crds;

import static io.trustfabric.api.crds.EditorSchemaValidation.errors;
import static io.trustfabric.api.crds.EditorSchemaValidation.fileFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trustfabric.api.validation.ApiReferenceExamples;
import io.trustfabric.api.validation.GeneratedCrds;
import io.trustfabric.api.validation.cases.InvalidCase;
import io.trustfabric.api.validation.cases.ValidObject;
import io.trustfabric.api.validation.cases.ValidationCases;
import io.trustfabric.api.validation.schema.GeneratedInvalidCases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an editor with the YAML language server makes of schemas/: every example and documented object passes, the
 * mistakes an author makes while typing are reported at the right field, and every example's modeline names the
 * schema of its kind. The schemas are put to a real JSON Schema validator (networknt, draft-07).
 */
class EditorSchemaValidationTest {

    static final Path EXAMPLES = Path.of("..", "..", "examples");

    private static final Pattern MODELINE = Pattern.compile("# yaml-language-server: \\$schema=(\\S+)");
    private static final YAMLMapper YAML = new YAMLMapper();

    /** A YAML file under examples/ and its documents. */
    record ExampleFile(Path path, List<JsonNode> documents) {

        List<JsonNode> trustFabricDocuments() {
            return documents.stream().filter(d -> d.path("apiVersion").asText().startsWith("trustfabric.io/")).toList();
        }

        @Override
        public String toString() {
            return EXAMPLES.relativize(path).toString();
        }
    }

    /** A trustfabric.io document of an example file. */
    record ExampleDocument(ExampleFile file, JsonNode object) {
        @Override
        public String toString() {
            return file + " " + object.path("kind").asText() + " " + object.at("/metadata/name").asText();
        }
    }

    static List<ExampleFile> exampleFiles() {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            List<ExampleFile> examples = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                List<JsonNode> documents = new ArrayList<>();
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    docs.forEachRemaining(d -> {
                        if (d != null && !d.isNull() && !d.isEmpty()) {
                            documents.add(d);
                        }
                    });
                }
                examples.add(new ExampleFile(file, documents));
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<ExampleDocument> exampleDocuments() {
        return exampleFiles().stream().flatMap(f -> f.trustFabricDocuments().stream().map(d -> new ExampleDocument(f, d)));
    }

    static Stream<ValidObject> validObjects() {
        return ValidationCases.valid().stream();
    }

    static Stream<InvalidCase> generatedCases() {
        return GeneratedInvalidCases.all().stream();
    }

    static List<String> schemaFiles() throws IOException {
        try (Stream<Path> files = Files.list(EditorSchemaValidation.SCHEMAS)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertThat(names).contains(EditorSchemas.ALL)
                    .containsAll(GeneratedCrds.byKind().keySet().stream().map(k -> EditorSchemas.fileName(k, "v1alpha1")).toList());
            return names;
        }
    }

    // --- every example and documented object passes ---

    @Test
    void theExamplesHaveObjectsOfEveryKindTheyAreMeantToShow() {
        assertThat(exampleDocuments().map(d -> d.object().path("kind").asText()).collect(Collectors.toSet()))
                .contains("Tenant", "PartnerAllowlist", "PrivacyBudget", "TrustPolicy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleDocuments")
    void everyExampleObjectMatchesTheSchemaOfItsKindAndAllJson(ExampleDocument example) {
        assertThat(errors(fileFor(example.object()), example.object())).isEmpty();
        assertThat(errors(EditorSchemas.ALL, example.object())).isEmpty();
    }

    @Test
    void objectsOfOtherApiGroupsPassAllJson() {
        List<JsonNode> others = exampleFiles().stream().flatMap(f -> f.documents().stream())
                .filter(d -> !d.path("apiVersion").asText().startsWith("trustfabric.io/")).toList();
        assertThat(others).extracting(d -> d.path("kind").asText()).contains("Namespace", "Secret", "ConfigMap");
        others.forEach(other -> assertThat(errors(EditorSchemas.ALL, other)).as(other.toString()).isEmpty());
    }

    @Test
    void aValidPolicyMacroPrivacyBudgetPartnerAllowlistAndTenantPass() {
        for (String kind : List.of("PolicyMacro", "PrivacyBudget", "PartnerAllowlist", "Tenant")) {
            JsonNode documented = ApiReferenceExamples.first(kind);
            assertThat(errors(fileFor(documented), documented)).as(kind).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validObjects")
    void everyObjectTheApiServerAcceptsPasses(ValidObject valid) {
        ObjectNode object = valid.object();
        assertThat(errors(fileFor(object), object)).isEmpty();
    }

    // --- what the editor must flag while the author types ---

    @Test
    void aMisspelledFieldIsReported() {
        ObjectNode policy = examplePolicy();
        ObjectNode rule = (ObjectNode) policy.at("/spec/rules/0");
        rule.set("enforcmentAction", rule.remove("enforcementAction"));
        assertThat(errors("trustpolicy-v1alpha1.json", policy)).singleElement().asString()
                .startsWith("spec.rules[0].enforcmentAction: additionalProperties:");
    }

    @Test
    void aWrongEnumValueIsReported() {
        ObjectNode policy = examplePolicy();
        ((ObjectNode) policy.at("/spec/rules/0")).put("enforcementAction", "block");
        assertThat(errors("trustpolicy-v1alpha1.json", policy)).singleElement().asString()
                .startsWith("spec.rules[0].enforcementAction: enum:");
    }

    @Test
    void aWrongTypeIsReported() {
        ObjectNode policy = examplePolicy();
        ((ObjectNode) policy.get("spec")).put("rules", "x");
        assertThat(errors("trustpolicy-v1alpha1.json", policy)).singleElement().asString()
                .startsWith("spec.rules: type:").contains("string").contains("array");
    }

    @Test
    void aMissingRequiredFieldIsReported() {
        ObjectNode policy = examplePolicy();
        ((ObjectNode) policy.get("spec")).remove("tenantRef");
        assertThat(errors("trustpolicy-v1alpha1.json", policy)).singleElement().asString()
                .startsWith("spec.tenantRef: required:");
    }

    @Test
    void allJsonReportsTheSameMistakesAndUnknownKindsOrVersions() {
        ObjectNode policy = examplePolicy();
        ((ObjectNode) policy.at("/spec/rules/0")).put("enforcementAction", "block");
        assertThat(errors(EditorSchemas.ALL, policy)).anyMatch(e -> e.startsWith("spec.rules[0].enforcementAction: enum:"));

        ObjectNode widget = examplePolicy().put("kind", "TrustPolicies");
        assertThat(errors(EditorSchemas.ALL, widget)).anyMatch(e -> e.startsWith("kind: enum:"));
        ObjectNode beta = examplePolicy().put("apiVersion", "trustfabric.io/v1beta1");
        assertThat(errors(EditorSchemas.ALL, beta)).anyMatch(e -> e.startsWith("apiVersion: enum:"));
    }

    @Test
    void aNameOrGenerateNameIsNeededAndMetadataTyposAreReported() {
        ObjectNode policy = examplePolicy();
        ObjectNode metadata = (ObjectNode) policy.get("metadata");
        metadata.set("namspace", metadata.remove("namespace"));
        assertThat(errors("trustpolicy-v1alpha1.json", policy)).singleElement().asString()
                .startsWith("metadata.namspace: additionalProperties:");
        metadata.remove("namspace");
        metadata.remove("name");
        assertThat(errors("trustpolicy-v1alpha1.json", policy)).anyMatch(e -> e.startsWith("metadata.name: required:"));
        metadata.put("generateName", "acme-policy-");
        assertThat(errors("trustpolicy-v1alpha1.json", policy)).isEmpty();
    }

    @Test
    void theMistakesShownInTheAuthoringGuideAreTheOnesReported() throws IOException {
        String guide = Files.readString(Path.of("..", "..", "docs", "authoring-policies.md"));
        Matcher block = Pattern.compile("```yaml\n(# yaml-language-server: [^\n]*\n(?:(?!```).)*enforcmentAction(?:(?!```).)*)```",
                Pattern.DOTALL).matcher(guide);
        assertThat(block.find()).as("the TrustPolicy with mistakes in docs/authoring-policies.md").isTrue();
        JsonNode policy = YAML.readTree(block.group(1));
        assertThat(errors("trustpolicy-v1alpha1.json", policy)).extracting(e -> e.substring(0, e.indexOf(": ")))
                .containsExactlyInAnyOrder("spec.tenantRef", "spec.rules[0].enforcmentAction", "spec.rules[1].name",
                        "spec.rules[1].macro", "spec.rules[1].enforcementAction");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedCases")
    void everySchemaConstraintTheApiServerChecksIsReportedAtItsField(InvalidCase invalid) {
        ObjectNode broken = invalid.broken();
        String field = invalid.expected().get(0).path();
        assertThat(errors(fileFor(broken), broken)).as(invalid.toString()).anyMatch(e -> e.startsWith(field + ": "));
    }

    @Test
    void celRulesAreShownInTheDescriptionsSinceJsonSchemaCannotCheckThem() {
        JsonNode rules = EditorSchemaValidation.read("trustpolicy-v1alpha1.json").at("/properties/spec/properties/rules");
        assertThat(rules.path("description").asText()).endsWith("\n\nRule: rule names must be unique within the policy");
        assertThat(EditorSchemaValidation.read("policymacro-v1alpha1.json").path("description").asText())
                .contains("Rule: a PolicyMacro must be named <spec.macro>-v<spec.version>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void everySchemaIsAValidDraft07Schema(String file) {
        assertThat(EditorSchemaValidation.metaSchema().validate(EditorSchemaValidation.read(file))).isEmpty();
    }

    // --- modelines ---

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void everyExampleOfOneTrustFabricKindNamesItsSchemaOnTheFirstLine(ExampleFile example) throws IOException {
        String firstLine = Files.readAllLines(example.path()).get(0);
        Matcher modeline = MODELINE.matcher(firstLine);
        List<JsonNode> ours = example.trustFabricDocuments();
        Set<String> kinds = ours.stream().map(EditorSchemaValidation::fileFor).collect(Collectors.toCollection(TreeSet::new));
        if (ours.isEmpty()) {
            assertThat(firstLine).as("no trustfabric.io object, no modeline").doesNotContain("yaml-language-server");
            return;
        }
        if (kinds.size() > 1 || ours.size() < example.documents().size()) {
            assertThat(firstLine).as("objects of several kinds: a modeline would flag some of them")
                    .doesNotContain("yaml-language-server");
            return;
        }
        assertThat(modeline.matches()).as("first line of %s: %s", example, firstLine).isTrue();
        Path schema = example.path().getParent().resolve(modeline.group(1)).normalize();
        assertThat(schema).exists();
        assertThat(schema.getParent()).isEqualTo(EditorSchemaValidation.SCHEMAS.normalize());
        assertThat(schema.getFileName().toString()).isEqualTo(kinds.iterator().next());
        JsonNode properties = EditorSchemaValidation.read(schema.getFileName().toString()).path("properties");
        for (JsonNode object : ours) {
            assertThat(properties.at("/kind/const").asText()).isEqualTo(object.path("kind").asText());
            assertThat(properties.at("/apiVersion/const").asText()).isEqualTo(object.path("apiVersion").asText());
        }
    }

    private static ObjectNode examplePolicy() {
        JsonNode policy = exampleFiles().stream().flatMap(f -> f.trustFabricDocuments().stream())
                .filter(d -> d.path("kind").asText().equals("TrustPolicy")).findFirst().orElseThrow();
        ObjectNode copy = policy.deepCopy();
        assertThat(copy.at("/spec/rules")).isInstanceOf(ArrayNode.class);
        assertThat(errors("trustpolicy-v1alpha1.json", copy)).as("the example is valid").isEmpty();
        return copy;
    }
}
