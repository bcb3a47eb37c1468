package io.trustfabric.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.testsupport.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged catalog ({@link MacroCatalog#builtIn()}, read from the jar resources) is exactly the folders of
 * policies/, and every macro version follows the catalog's rules: its files, package, parameter schema, decision
 * cases and documented denial codes.
 */
class MacroCatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MACRO_FILES = List.of("macro.rego", "macro_test.rego", "parameters.schema.json",
            "cases.json", "README.md");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package (\\S+)$");
    private static final Pattern CODE = Pattern.compile("\"code\": \"([^\"]+)\"");
    private static final Pattern KEBAB = Pattern.compile("[a-z]+(-[a-z]+)*");

    private static final MacroCatalog CATALOG = MacroCatalog.builtIn();

    private static Path policies() {
        return RepositoryRoot.find().resolve("policies");
    }

    /** Every macro version folder under policies/ as "name/vN"; a top-level folder without versions as "name/". */
    private static Set<String> folders() throws IOException {
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> top = Files.list(policies())) {
            for (Path macro : top.filter(Files::isDirectory).toList()) {
                String name = macro.getFileName().toString();
                if (RegoFolder.NOT_REGO.contains(name) || name.equals("decision") || name.startsWith(".")) {
                    continue;
                }
                try (Stream<Path> versions = Files.list(macro)) {
                    List<Path> dirs = versions.filter(Files::isDirectory).toList();
                    if (dirs.isEmpty()) {
                        folders.add(name + "/");
                    }
                    dirs.forEach(v -> folders.add(name + "/" + v.getFileName()));
                }
            }
        }
        return folders;
    }

    @Test
    void theIndexListsEveryMacroFolderAndNothingElse() throws IOException {
        List<String> indexed = CATALOG.macros().stream().map(CatalogMacro::folder).toList();

        assertThat(indexed).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(indexed)).isEqualTo(folders());
        assertThat(indexed).contains("residency/v1", "set-size-cap/v1", "volume-cap/v1", "minimization/v1",
                "k-threshold/v1", "contract-flag/v1");
        assertThat(CATALOG.macros()).allSatisfy(m -> assertThat(m.description()).isNotBlank());
    }

    @Test
    void theJarHoldsTheFilesOfTheCatalog() throws IOException {
        for (CatalogMacro macro : CATALOG.macros()) {
            Path folder = policies().resolve(macro.folder());
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(f -> f.getFileName().toString()).toList()).as(macro.folder())
                        .containsExactlyInAnyOrderElementsOf(MACRO_FILES);
            }
            assertThat(macro.rego()).isEqualTo(Files.readString(folder.resolve("macro.rego")));
            assertThat(macro.tests()).isEqualTo(Files.readString(folder.resolve("macro_test.rego")));
            assertThat(macro.readme()).isEqualTo(Files.readString(folder.resolve("README.md")));
            assertThat(macro.parametersSchema()).isEqualTo(JSON.readTree(folder.resolve("parameters.schema.json").toFile()));
            assertThat(macro.cases()).isEqualTo(JSON.readTree(folder.resolve("cases.json").toFile()));
        }
        assertThat(CATALOG.decisionModule()).isEqualTo(Files.readString(policies().resolve("decision/decision.rego")));
    }

    /** trustfabric.macros["set-size-cap"].v1; opa fmt writes a name that is an identifier with a dot instead. */
    static String expectedPackage(CatalogMacro macro) {
        String name = IDENTIFIER.matcher(macro.name()).matches() ? "." + macro.name() : "[\"" + macro.name() + "\"]";
        return "trustfabric.macros" + name + "." + macro.versionName();
    }

    private static String packageOf(String rego) {
        Matcher matcher = PACKAGE.matcher(rego);
        assertThat(matcher.find()).as("a package line in\n%s", rego).isTrue();
        return matcher.group(1);
    }

    @Test
    void everyModuleIsInThePackageOfItsFolder() {
        assertThat(expectedPackage(CATALOG.macros().stream().filter(m -> m.name().equals("set-size-cap")).findFirst()
                .orElseThrow())).isEqualTo("trustfabric.macros[\"set-size-cap\"].v1");
        for (CatalogMacro macro : CATALOG.macros()) {
            assertThat(packageOf(macro.rego())).as(macro.folder()).isEqualTo(expectedPackage(macro));
            assertThat(packageOf(macro.tests())).as(macro.folder()).isEqualTo(expectedPackage(macro) + "_test");
        }
        assertThat(packageOf(CATALOG.decisionModule())).isEqualTo("trustfabric.decision");
    }

    @Test
    void everyParameterSchemaFollowsTheCatalogRules() {
        for (CatalogMacro macro : CATALOG.macros()) {
            assertThat(ParametersSchema.problems(macro.parametersSchema())).as(macro.folder()).isEmpty();
        }
    }

    @Test
    void theSchemaRulesCatchABrokenSchema() throws IOException {
        JsonNode broken = JSON.readTree("""
                {"type": "object", "additionalProperties": true, "required": ["a", "z"],
                 "properties": {"a": {"type": "string", "default": "x"},
                                "b": {"type": "integer", "minimum": 1},
                                "c": {"type": "array", "items": {"type": "string", "format": "email"}, "default": []},
                                "d": {"type": "integer", "minimum": 5, "default": 1},
                                "e": {"oneOf": [], "default": 1}}}
                """);

        assertThat(ParametersSchema.problems(broken)).containsExactlyInAnyOrder(
                "top level: additionalProperties must be false",
                "required property z is not in properties",
                "a: a required property has no use for a default",
                "b: not required, so it needs a default",
                "c[]: keyword format is not allowed",
                "d (default): 1 is below the minimum 5",
                "e: keyword oneOf is not allowed",
                "e: no type",
                "e (default): 1 is not of type ");
    }

    @Test
    void argumentsAreCheckedAgainstTheSchema() {
        JsonNode schema = CATALOG.macros().stream().filter(m -> m.name().equals("minimization")).findFirst()
                .orElseThrow().parametersSchema();

        assertThat(ParametersSchema.violations(schema, JSON.valueToTree(java.util.Map.of(
                "modes", List.of("psi", "psi", "all"), "psiContractFlag", "", "extra", 1)))).containsExactlyInAnyOrder(
                "arguments: unknown extra", "modes: \"psi\" appears twice",
                "modes[2]: \"all\" is not one of [\"psi-ca\",\"psi\"]", "psiContractFlag: shorter than 1");
        assertThat(ParametersSchema.withDefaults(schema, JSON.createObjectNode())).isEqualTo(JSON.valueToTree(
                java.util.Map.of("modes", List.of("psi-ca"), "psiContractFlag", "psi-allowed", "normalizations",
                        List.of())));
    }

    @Test
    void everyMacroHasDecisionCasesThatMeanSomething() {
        for (CatalogMacro macro : CATALOG.macros()) {
            List<JsonNode> cases = new ArrayList<>();
            macro.cases().path("cases").forEach(cases::add);
            String what = macro.folder() + "/cases.json";

            assertThat(cases).as(what).hasSizeGreaterThanOrEqualTo(4);
            assertThat(cases).as(what + ": names").extracting(c -> c.path("name").asText()).doesNotHaveDuplicates()
                    .allSatisfy(name -> assertThat(name).isNotBlank());
            assertThat(cases).as(what + ": an allowed case").anySatisfy(c -> assertThat(c.path("expect")
                    .path("deny")).isEmpty());
            assertThat(cases).as(what + ": a denied case, or one with an obligation").anySatisfy(c -> assertThat(
                    c.path("expect").path("deny").size() + c.path("expect").path("obligations").size()).isPositive());
            assertThat(cases).as(what + ": a case whose strings are Rego text").anySatisfy(c -> assertThat(
                    c.path("params").toString() + c.path("input").toString()).contains("default allow := true"));
            for (JsonNode c : cases) {
                String name = what + ": " + c.path("name").asText();
                assertThat(c.path("input").isObject()).as(name).isTrue();
                assertThat(ParametersSchema.violations(macro.parametersSchema(), c.path("params"))).as(name).isEmpty();
                List<String> deny = new ArrayList<>();
                c.path("expect").path("deny").forEach(code -> deny.add(code.asText()));
                assertThat(deny).as(name + ": deny is a sorted set").isSorted().doesNotHaveDuplicates();
                assertThat(c.path("expect").has("obligations") && c.path("expect").path("obligations").isEmpty())
                        .as(name + ": leave obligations out when there are none").isFalse();
            }
        }
    }

    @Test
    void everyDenialCodeIsKebabCaseDocumentedAndHasACase() {
        for (CatalogMacro macro : CATALOG.macros()) {
            Set<String> inRego = new TreeSet<>();
            CODE.matcher(macro.rego()).results().forEach(m -> inRego.add(m.group(1)));
            Set<String> inCases = new TreeSet<>();
            macro.cases().path("cases").forEach(c -> c.path("expect").path("deny").forEach(d -> inCases.add(d.asText())));

            assertThat(inCases).as(macro.folder() + ": codes in cases").isEqualTo(inRego);
            assertThat(inRego).as(macro.folder()).allSatisfy(code -> {
                assertThat(code).matches(KEBAB);
                assertThat(macro.readme()).contains("`" + code + "`");
            });
        }
    }
}
