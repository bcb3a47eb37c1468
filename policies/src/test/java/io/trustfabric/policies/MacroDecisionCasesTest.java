package io.trustfabric.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.OpaServer;
import io.trustfabric.testsupport.RequiresOpa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every decision case of every macro (cases.json) asked of a real {@code opa run --server}, loaded the way a shared
 * worker pool's OPA is: one macros bundle (roots trustfabric/macros and trustfabric/decision: the packaged decision
 * module and macro modules, no tests) and one tenant bundle per case (root trustfabric/tenants/<tenant>), whose single
 * rule (action enforce) carries the case's arguments with the schema's defaults filled in. The case's input is sent
 * with that tenant's name.
 */
@RequiresOpa
class MacroDecisionCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DECISION = "trustfabric/decision/result";

    @TempDir
    static Path dir;

    private static OpaServer opa;

    /** One decision case, with the tenant that holds its rule. */
    record Case(CatalogMacro macro, JsonNode spec, String tenant) {
        @Override
        public String toString() {
            return macro.ref() + ": " + spec.path("name").asText();
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (CatalogMacro macro : MacroCatalog.builtIn().macros()) {
            for (JsonNode spec : macro.cases().path("cases")) {
                cases.add(new Case(macro, spec, "case-%03d".formatted(cases.size())));
            }
        }
        return cases;
    }

    static Stream<Arguments> decisionCases() {
        return cases().stream().map(Arguments::of);
    }

    private static ObjectNode rule(String name, String macro, String version, String action, JsonNode params) {
        ObjectNode rule = JSON.createObjectNode();
        rule.put("name", name).put("macro", macro).put("version", version).put("ref", macro + "@" + version)
                .put("action", action).set("params", params);
        return rule;
    }

    private static Path tenantBundle(String tenant, boolean isDefault, List<ObjectNode> rules) throws IOException {
        ObjectNode data = JSON.createObjectNode();
        ObjectNode entry = data.putObject("trustfabric").putObject("tenants").putObject(tenant);
        if (isDefault) {
            entry.putNull("policy");
            entry.put("revision", 0);
        } else {
            entry.put("policy", "trust/" + tenant + "-policy");
            entry.put("revision", 3);
        }
        entry.put("default", isDefault);
        entry.putArray("rules").addAll(rules);
        Path bundle = dir.resolve("tenant-" + tenant);
        Files.createDirectories(bundle);
        Files.writeString(bundle.resolve(".manifest"), JSON.writeValueAsString(Map.of("roots",
                List.of("trustfabric/tenants/" + tenant))));
        Files.writeString(bundle.resolve("data.json"), JSON.writeValueAsString(data));
        return bundle;
    }

    private static Path macrosBundle() throws IOException {
        MacroCatalog catalog = MacroCatalog.builtIn();
        Path bundle = dir.resolve("macros");
        Files.createDirectories(bundle.resolve("decision"));
        Files.writeString(bundle.resolve(".manifest"), JSON.writeValueAsString(Map.of("roots",
                List.of("trustfabric/macros", "trustfabric/decision"))));
        Files.writeString(bundle.resolve("decision/decision.rego"), catalog.decisionModule());
        for (CatalogMacro macro : catalog.macros()) {
            Files.createDirectories(bundle.resolve(macro.folder()));
            Files.writeString(bundle.resolve(macro.folder()).resolve("macro.rego"), macro.rego());
        }
        return bundle;
    }

    private static final JsonNode EU_ONLY = JSON.valueToTree(Map.of("allowedRegions", List.of("eu-west-1"),
            "dataRegion", ""));
    private static final JsonNode K10 = JSON.valueToTree(Map.of("k", 10));

    @BeforeAll
    static void startOpa(ControlPlaneBinaries binaries) throws IOException {
        List<Path> bundles = new ArrayList<>(List.of(macrosBundle()));
        for (Case c : cases()) {
            JsonNode params = ParametersSchema.withDefaults(c.macro().parametersSchema(), c.spec().path("params"));
            bundles.add(tenantBundle(c.tenant(), false, List.of(rule("case", c.macro().name(),
                    c.macro().versionName(), "enforce", params))));
        }
        bundles.add(tenantBundle("routing", false, List.of(rule("eu-warn", "residency", "v1", "warn", EU_ONLY),
                rule("eu-dryrun", "residency", "v1", "dryrun", EU_ONLY),
                rule("k10-dryrun", "k-threshold", "v1", "dryrun", K10))));
        bundles.add(tenantBundle("missing", false, List.of(rule("eu-v9", "residency", "v9", "enforce", EU_ONLY),
                rule("k10", "k-threshold", "v1", "enforce", K10))));
        bundles.add(tenantBundle("unpoliced", true, List.of()));
        opa = OpaServer.withBundles(binaries, dir.resolve("logs"), bundles);
    }

    @AfterAll
    static void stopOpa() {
        if (opa != null) {
            opa.close();
        }
    }

    private static JsonNode decide(String tenant, JsonNode input) throws IOException {
        ObjectNode asTenant = input.deepCopy();
        asTenant.withObject("/tenant").put("name", tenant);
        JsonNode answer = JSON.readTree(opa.decide(DECISION, JSON.writeValueAsString(asTenant)));
        assertThat(answer.has("result")).as("OPA answered without a result: %s", answer).isTrue();
        return answer.get("result");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.path(field).asText()));
        return texts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisionCases")
    void opaDecidesTheCaseAsExpected(Case c) throws IOException {
        JsonNode result = decide(c.tenant(), c.spec().path("input"));
        JsonNode expect = c.spec().path("expect");
        List<String> expectedDenials = new ArrayList<>();
        expect.path("deny").forEach(code -> expectedDenials.add(code.asText()));

        assertThat(result.path("errors")).as("%s", result).isEmpty();
        assertThat(texts(result.path("denials"), "code")).as("%s", result)
                .containsExactlyInAnyOrderElementsOf(expectedDenials);
        assertThat(result.path("allow").asBoolean()).as("%s", result).isEqualTo(expectedDenials.isEmpty());
        assertThat(result.path("denials")).allSatisfy(denial -> {
            assertThat(denial.path("rule").asText()).isEqualTo("case");
            assertThat(denial.path("macro").asText()).isEqualTo(c.macro().ref());
            assertThat(denial.path("action").asText()).isEqualTo("enforce");
            assertThat(denial.path("message").asText()).isNotBlank();
        });
        ArrayNode obligations = JSON.createArrayNode();
        result.path("obligations").forEach(o -> obligations.add(((ObjectNode) o.deepCopy()).without(List.of("rule",
                "macro"))));
        assertThat(obligations).as("%s", result).isEqualTo(expect.has("obligations") ? expect.get("obligations")
                : JSON.createArrayNode());
        assertThat(result.path("warnings")).isEmpty();
        assertThat(result.path("dryrun")).isEmpty();
        assertThat(result.path("tenant").asText()).isEqualTo(c.tenant());
        assertThat(result.path("policy").asText()).isEqualTo("trust/" + c.tenant() + "-policy");
        assertThat(result.path("revision").asInt()).isEqualTo(3);
    }

    private static JsonNode queryFrom(String region) {
        return JSON.valueToTree(Map.of("tenant", Map.of("namespace", "trust", "name", "?"),
                "partner", Map.of("id", "globex", "region", region, "contractFlags", List.of(), "modes", List.of()),
                "query", Map.of("mode", "psi-ca", "setSize", 1200, "normalization", "none")));
    }

    @Test
    void warnAndDryrunDenialsAllowTheQueryAndOnlyEnforcedObligationsApply() throws IOException {
        JsonNode result = decide("routing", queryFrom("us-east-1"));

        assertThat(result.path("allow").asBoolean()).as("%s", result).isTrue();
        assertThat(result.path("denials")).isEmpty();
        assertThat(texts(result.path("warnings"), "rule")).containsExactly("eu-warn");
        assertThat(texts(result.path("warnings"), "code")).containsExactly("region-not-allowed");
        assertThat(texts(result.path("dryrun"), "rule")).containsExactly("eu-dryrun", "k10-dryrun");
        assertThat(texts(result.path("dryrun"), "code")).containsExactly("region-not-allowed", "obligation-not-applied");
        assertThat(texts(result.path("dryrun"), "action")).containsExactly("dryrun", "dryrun");
        assertThat(result.path("obligations")).as("a dry-run rule's obligation is not applied").isEmpty();

        JsonNode inEurope = decide("routing", queryFrom("eu-west-1"));
        assertThat(inEurope.path("warnings")).isEmpty();
        assertThat(texts(inEurope.path("dryrun"), "code")).containsExactly("obligation-not-applied");
    }

    @Test
    void aMacroVersionOpaHasNotLoadedFailsClosed() throws IOException {
        JsonNode result = decide("missing", queryFrom("eu-west-1"));

        assertThat(result.path("allow").asBoolean()).as("%s", result).isFalse();
        assertThat(texts(result.path("errors"), "code")).containsExactly("macro-not-loaded");
        assertThat(texts(result.path("errors"), "macro")).containsExactly("residency@v9");
        assertThat(texts(result.path("obligations"), "rule")).containsExactly("k10");
    }

    @Test
    void theDefaultPolicyAllowsWithAWarningAndAnUnknownTenantIsDenied() throws IOException {
        JsonNode unpoliced = decide("unpoliced", queryFrom("us-east-1"));
        JsonNode unknown = decide("nobody", queryFrom("eu-west-1"));

        assertThat(unpoliced.path("allow").asBoolean()).as("%s", unpoliced).isTrue();
        assertThat(unpoliced.path("policy").isNull()).isTrue();
        assertThat(unpoliced.path("revision").asInt()).isZero();
        assertThat(texts(unpoliced.path("warnings"), "code")).containsExactly("no-policy");
        assertThat(unknown.path("allow").asBoolean()).as("%s", unknown).isFalse();
        assertThat(texts(unknown.path("errors"), "code")).containsExactly("tenant-not-loaded");
    }
}
