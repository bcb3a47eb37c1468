package io.trustfabric.operator.macro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.PolicyMacroSpec;
import io.trustfabric.controlplane.ControlPlaneBinaries;
import io.trustfabric.controlplane.OpaServer;
import io.trustfabric.policies.CatalogMacro;
import io.trustfabric.policies.MacroCatalog;
import io.trustfabric.testsupport.RequiresOpa;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks a PolicyMacro passes before it is accepted, asked of a real OPA through its REST API. */
@RequiresOpa
class MacroCheckerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpaServer opa;
    private MacroChecker checker;
    private OpaPolicyApi api;

    @BeforeEach
    void start(ControlPlaneBinaries binaries, @TempDir Path dir) {
        opa = OpaServer.withBundles(binaries, dir, List.of());
        api = new OpaPolicyApi(URI.create(opa.url()), Duration.ofSeconds(10));
        checker = new MacroChecker(api);
    }

    @AfterEach
    void stop() {
        opa.close();
    }

    @Test
    void everyBuiltInMacroPassesTheChecksUserMacrosGet() throws Exception {
        for (CatalogMacro macro : MacroCatalog.builtIn().macros()) {
            PolicyMacroSpec spec = BuiltInMacros.shipped().named(macro.name() + "-v" + macro.version())
                    .orElseThrow().getSpec();
            assertThat(checker.check(spec, macro.name())).as(macro.name()).isEmpty();
        }
    }

    @Test
    void aGoodUserMacroHasNoFindingsAndLeavesNothingLoaded() throws Exception {
        assertThat(checker.check(spec("min-set", module("min-set"), tests("min-set", 3)), "a")).isEmpty();
        assertThat(api.evaluate(List.of("trustfabric", "macros", "min-set")).result()).isEmpty();
    }

    @Test
    void findingsNameTheLineTheFailedTestAndTheForbiddenCall() throws Exception {
        List<PolicyFinding> syntax = checker.check(spec("x", "package trustfabric.macros.x.v1\n\ndeny contains y if {\n  y := \n}\n", null), "b");
        assertThat(syntax).filteredOn(f -> f.getSeverity() == FindingSeverity.error).singleElement()
                .satisfies(f -> assertThat(f.getPath()).startsWith("spec.rego:5:"));

        List<PolicyFinding> failing = checker.check(spec("min-set", module("min-set"), tests("min-set", 30)), "c");
        assertThat(failing).extracting(PolicyFinding::getMessage).containsExactly("test test_small_sets_are_denied failed");

        List<PolicyFinding> elsewhere = checker.check(spec("y", "package other\n\ndeny contains {\"code\": \"c\", \"message\": \"m\"} if {\n"
                + "  http.send({\"method\": \"get\", \"url\": \"http://example.invalid\"}).status_code == 200\n"
                + "  time.now_ns() > 0\n}\n", null), "d");
        assertThat(elsewhere).extracting(PolicyFinding::getMessage)
                .anySatisfy(m -> assertThat(m).startsWith("the module's package is data.other"))
                .anySatisfy(m -> assertThat(m).isEqualTo("the module calls http.send"))
                .anySatisfy(m -> assertThat(m).startsWith("the module calls time.now_ns"))
                .anySatisfy(m -> assertThat(m).isEqualTo("the macro has no tests"));

        List<PolicyFinding> inert = checker.check(spec("z", "package trustfabric.macros.z.v1\n\nallow := true\n", null), "e");
        assertThat(inert).extracting(PolicyFinding::getMessage).anySatisfy(m -> assertThat(m).contains("neither 'deny' nor 'obligations'"));
    }

    static PolicyMacroSpec spec(String macro, String rego, String tests) {
        PolicyMacroSpec spec = new PolicyMacroSpec();
        spec.setMacro(macro);
        spec.setVersion(1);
        spec.setParameters(Map.<String, JsonNode>of("min", JSON.valueToTree(Map.of("type", "integer", "minimum", 1))));
        spec.setRego(rego);
        spec.setTests(tests);
        return spec;
    }

    static String module(String macro) {
        return "package trustfabric.macros[\"" + macro + "\"].v1\n\n"
                + "deny contains {\"code\": \"set-too-small\", \"message\": \"small\"} if {\n"
                + "\tinput.query.setSize < data.trustfabric.params.min\n}\n";
    }

    static String tests(String macro, int setSize) {
        return "package trustfabric.macros[\"" + macro + "\"].v1_test\n\n"
                + "import data.trustfabric.macros[\"" + macro + "\"].v1\n\n"
                + "test_small_sets_are_denied if {\n"
                + "\tcount(v1.deny) == 1 with input as {\"query\": {\"setSize\": " + setSize + "}}"
                + " with data.trustfabric.params as {\"min\": 5}\n}\n";
    }
}
