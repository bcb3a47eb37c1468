package io.trustfabric.operator.lint;

import com.fasterxml.jackson.databind.node.TextNode;
import io.trustfabric.api.v1alpha1.JsonPatchOperation;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.PolicyMacroSpec;
import io.trustfabric.operator.macro.BuiltInMacros;
import io.trustfabric.operator.macro.MacroDigest;
import io.trustfabric.operator.policy.ParameterSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of a PolicyMacro that need no policy engine: name, package line, parameter schema, tests present,
 * immutability of published and built-in versions. The operator's OPA compiles and tests the module afterwards
 * ({@link io.trustfabric.operator.macro.MacroChecker}).
 */
final class PolicyMacroChecks {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+(\\S+)");
    private static final Pattern SEGMENT = Pattern.compile("\\[\"([^\"]*)\"\\]|\\.?([A-Za-z_][A-Za-z0-9_]*)");
    private static final BuiltInMacros BUILT_INS = BuiltInMacros.shipped();

    void check(PolicyMacro macro, PolicyMacro stored, Findings findings) {
        PolicyMacroSpec spec = macro.getSpec();
        if (spec == null || spec.getMacro() == null || spec.getVersion() == null) {
            findings.add(FindingCode.MISSING_FIELD, "spec", "a PolicyMacro needs spec.macro, spec.version and "
                    + "spec.rego", "add them (docs/policies.md, \"Writing your own macro\")");
            return;
        }
        String expected = spec.getMacro() + "-v" + spec.getVersion();
        String name = macro.getMetadata() == null ? null : macro.getMetadata().getName();
        if (name != null && !name.equals(expected)) {
            findings.add(FindingCode.MACRO_NAME_MISMATCH, "metadata.name", "a PolicyMacro publishing "
                            + spec.reference() + " must be named " + expected + ", not " + name,
                    "rename it to " + expected, JsonPatchOperation.replace("/metadata/name", TextNode.valueOf(expected)));
        }
        if (spec.getRego() == null || spec.getRego().isBlank()) {
            findings.add(FindingCode.MISSING_FIELD, "spec.rego", "the macro has no Rego module", "add spec.rego");
        } else {
            packageLine(spec, findings);
        }
        ParameterSchema.parse(spec.getParameters()).problems().forEach(problem -> {
            int colon = problem.indexOf(": ");
            findings.add(FindingCode.MACRO_PARAMETER_SCHEMA, colon < 0 ? "spec.parameters" : problem.substring(0, colon),
                    colon < 0 ? problem : problem.substring(colon + 2),
                    "use the schema subset docs/policies.md describes (type, items, enum, minimum, maximum, ...)");
        });
        if (spec.getTests() == null || spec.getTests().isBlank()) {
            findings.add(FindingCode.MACRO_NO_TESTS, "spec.tests", "the macro has no tests, so nothing shows it "
                    + "decides as intended", "add Rego tests (rules named test_...) that set input and "
                    + "data.trustfabric.params");
        }
        String digest = MacroDigest.of(spec);
        Optional<PolicyMacro> builtIn = name == null ? Optional.empty() : BUILT_INS.named(name);
        if (builtIn.isPresent() && !MacroDigest.of(builtIn.get().getSpec()).equals(digest)) {
            findings.add(FindingCode.MACRO_BUILT_IN_CHANGED, "spec", name + " is a built-in macro version; the "
                    + "operator restores its shipped content", "publish your variant as a new macro name or version");
        } else if (stored != null && stored.getStatus() != null && Boolean.TRUE.equals(stored.getStatus().getAccepted())
                && stored.getStatus().getDigest() != null && !stored.getStatus().getDigest().equals(digest)) {
            findings.add(FindingCode.MACRO_VERSION_IMMUTABLE, "spec", spec.reference() + " is published (accepted as "
                            + stored.getStatus().getDigest() + "); policies rely on it staying as it is",
                    "publish the change as " + spec.getMacro() + "-v" + (spec.getVersion() + 1) + " (spec.version "
                            + (spec.getVersion() + 1) + ")");
        }
    }

    private static void packageLine(PolicyMacroSpec spec, Findings findings) {
        Matcher m = PACKAGE.matcher(spec.getRego());
        String wanted = "trustfabric.macros[\"" + spec.getMacro() + "\"].v" + spec.getVersion();
        List<String> expected = List.of("trustfabric", "macros", spec.getMacro(), "v" + spec.getVersion());
        if (!m.find()) {
            findings.add(FindingCode.MACRO_PACKAGE_MISMATCH, "spec.rego", "the module has no package line",
                    "start it with: package " + wanted, JsonPatchOperation.replace("/spec/rego",
                            TextNode.valueOf("package " + wanted + "\n\n" + spec.getRego())));
            return;
        }
        if (!Objects.equals(segments(m.group(1)), expected)) {
            String fixed = spec.getRego().substring(0, m.start(1)) + wanted + spec.getRego().substring(m.end(1));
            findings.add(FindingCode.MACRO_PACKAGE_MISMATCH, "spec.rego", "the module's package is " + m.group(1)
                            + ", but " + spec.reference() + " is looked up as " + wanted, "change the package line to: "
                            + "package " + wanted, JsonPatchOperation.replace("/spec/rego", TextNode.valueOf(fixed)));
        }
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path);
        int at = 0;
        while (at < path.length() && m.find(at) && m.start() == at) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
            at = m.end();
        }
        return at == path.length() ? out : List.of();
    }
}
