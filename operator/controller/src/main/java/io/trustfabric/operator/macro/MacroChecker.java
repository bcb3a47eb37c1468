package io.trustfabric.operator.macro;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.PolicyMacroSpec;
import io.trustfabric.operator.lint.FindingCode;
import io.trustfabric.operator.policy.ParameterSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a PolicyMacro may be used: its parameter schema is usable, OPA compiles its module, the module is
 * in the package {@code trustfabric.macros["<macro>"].v<N>}, defines {@code deny} or {@code obligations}, calls no
 * built-in that reaches outside the decision, and every {@code test_} rule of its tests holds. The module and its
 * tests are loaded into the operator's OPA only for the check and removed afterwards.
 */
public final class MacroChecker {

    /** Built-ins a macro must not call: they reach the network or the OPA process, not the decision input. */
    static final Map<String, String> FORBIDDEN_CALLS = Map.of(
            "http.send", "a macro must not call out over the network; pass what it needs in the decision input",
            "net.lookup_ip_addr", "a macro must not resolve names; decisions depend on the input and arguments only",
            "opa.runtime", "a macro must not read the OPA process environment or configuration");
    /** Built-ins that make a decision depend on when it was evaluated rather than on the input's time. */
    static final Set<String> NON_DETERMINISTIC = Set.of("time.now_ns", "rand.intn", "uuid.rfc4122");

    private final OpaPolicyApi opa;

    public MacroChecker(OpaPolicyApi opa) {
        this.opa = opa;
    }

    /** Every finding about the macro; it is accepted when none is an error. */
    public List<PolicyFinding> check(PolicyMacroSpec spec, String checkId) throws IOException {
        synchronized (opa) { // the decision replay loads macro modules into the same OPA (see OpaPolicyApi)
            return checkAlone(spec, checkId);
        }
    }

    private List<PolicyFinding> checkAlone(PolicyMacroSpec spec, String checkId) throws IOException {
        List<PolicyFinding> findings = new ArrayList<>();
        ParameterSchema.parse(spec.getParameters()).problems().forEach(p -> findings.add(error(FindingCode.MACRO_PARAMETER_SCHEMA,
                p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 2), "use the schema subset in docs/policies.md")));
        String moduleId = "trustfabric-check/" + checkId + "/module";
        String testsId = "trustfabric-check/" + checkId + "/tests";
        try {
            List<OpaPolicyApi.CompileError> errors = opa.putPolicy(moduleId, spec.getRego());
            if (!errors.isEmpty()) {
                errors.forEach(e -> findings.add(compileError("spec.rego", e)));
                return findings;
            }
            JsonNode module = opa.ast(moduleId);
            List<String> expected = List.of("data", "trustfabric", "macros", spec.getMacro(), "v" + spec.getVersion());
            List<String> actual = packagePath(module);
            if (!actual.equals(expected)) {
                findings.add(error(FindingCode.MACRO_PACKAGE_MISMATCH, "spec.rego", "the module's package is " + dotted(actual) + ", not "
                        + dotted(expected), "start the module with: package trustfabric.macros[\"" + spec.getMacro()
                        + "\"].v" + spec.getVersion()));
            }
            Set<String> rules = ruleNames(module);
            if (!rules.contains("deny") && !rules.contains("obligations")) {
                findings.add(error(FindingCode.REGO_NO_DECISION, "spec.rego", "the module defines neither 'deny' nor 'obligations', so it can "
                        + "never affect a decision", "add: deny contains {\"code\": ..., \"message\": ...} if { ... }"));
            }
            Set<String> calls = new TreeSet<>();
            collectCalls(module, calls);
            calls.stream().filter(FORBIDDEN_CALLS::containsKey).forEach(call -> findings.add(error(
                    FindingCode.REGO_FORBIDDEN_CALL, "spec.rego", "the module calls " + call, FORBIDDEN_CALLS.get(call))));
            calls.stream().filter(NON_DETERMINISTIC::contains).forEach(call -> findings.add(new PolicyFinding(
                    FindingCode.REGO_NON_DETERMINISTIC.code(), FindingSeverity.warning, "spec.rego", "the module calls " + call + ", so the same query can be "
                    + "decided differently on replay", "use input.time instead")));
            checkTests(spec, testsId, findings);
        } finally {
            opa.deletePolicy(testsId);
            opa.deletePolicy(moduleId);
        }
        return findings;
    }

    private void checkTests(PolicyMacroSpec spec, String testsId, List<PolicyFinding> findings) throws IOException {
        if (spec.getTests() == null || spec.getTests().isBlank()) {
            findings.add(new PolicyFinding(FindingCode.MACRO_NO_TESTS.code(), FindingSeverity.warning, "spec.tests",
                    "the macro has no tests",
                    "add Rego tests (rules named test_...) that set input and data.trustfabric.params"));
            return;
        }
        List<OpaPolicyApi.CompileError> errors = opa.putPolicy(testsId, spec.getTests());
        if (!errors.isEmpty()) {
            errors.forEach(e -> findings.add(compileError("spec.tests", e)));
            return;
        }
        JsonNode tests = opa.ast(testsId);
        List<String> testPackage = packagePath(tests);
        List<String> names = ruleNames(tests).stream().filter(n -> n.startsWith("test_")).toList();
        if (names.isEmpty()) {
            findings.add(new PolicyFinding(FindingCode.MACRO_NO_TESTS.code(), FindingSeverity.warning, "spec.tests",
                    "spec.tests has no rule named test_...",
                    "name each test rule test_<what it checks>"));
        }
        for (String name : names) {
            List<String> path = new ArrayList<>(testPackage.subList(1, testPackage.size()));
            path.add(name);
            OpaPolicyApi.Evaluation result = opa.evaluate(path);
            if (result.error() != null) {
                findings.add(error(FindingCode.REGO_TEST_FAILED, "spec.tests", "test " + name + " failed with an error: " + result.error(),
                        "fix the module or the test"));
            } else if (result.result().isEmpty() || !result.result().get().asBoolean(false)) {
                findings.add(error(FindingCode.REGO_TEST_FAILED, "spec.tests", "test " + name + " failed",
                        "fix the module or the test"));
            }
        }
    }

    private static PolicyFinding compileError(String field, OpaPolicyApi.CompileError e) {
        String at = e.row() > 0 ? field + ":" + e.row() + ":" + e.col() : field;
        return error(FindingCode.REGO_COMPILE_ERROR, at, e.code() + ": " + e.message(), "fix line " + e.row() + " of "
                + field);
    }

    private static PolicyFinding error(FindingCode code, String path, String message, String fix) {
        return new PolicyFinding(code.code(), FindingSeverity.error, path, message, fix);
    }

    static List<String> packagePath(JsonNode module) {
        List<String> out = new ArrayList<>();
        module.path("package").path("path").forEach(term -> out.add(term.path("value").asText()));
        return out;
    }

    private static Set<String> ruleNames(JsonNode module) {
        Set<String> names = new TreeSet<>();
        for (JsonNode rule : module.path("rules")) {
            JsonNode head = rule.path("head");
            if (head.hasNonNull("name") && !head.get("name").asText().isEmpty()) {
                names.add(head.get("name").asText());
            } else if (head.path("ref").size() > 0) {
                names.add(head.get("ref").get(0).path("value").asText());
            }
        }
        return names;
    }

    /** Names of every called or referenced built-in (ref terms such as http.send), anywhere in the AST. */
    private static void collectCalls(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            if ("ref".equals(node.path("type").asText()) && node.path("value").isArray() && node.get("value").size() >= 2
                    && "var".equals(node.get("value").get(0).path("type").asText())) {
                JsonNode value = node.get("value");
                out.add(value.get(0).path("value").asText() + "." + value.get(1).path("value").asText());
            }
            node.elements().forEachRemaining(child -> collectCalls(child, out));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectCalls(child, out));
        }
    }

    private static String dotted(List<String> path) {
        return String.join(".", path);
    }
}
