package io.trustfabric.cli.lint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.operator.lint.FindingCode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --output sarif}: SARIF 2.1.0, one run of the tool "tfctl lint", one rule per finding code that occurs, one
 * result per finding. Quick fixes are JSON Patch operations on the object, not text edits, so they are not SARIF
 * {@code fixes}: each result carries them in {@code properties.quickFix}.
 */
final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String SRCROOT = "%SRCROOT%";

    private SarifReport() {
    }

    static void print(LintResult result, PrintWriter out, String toolVersion, Path workingDirectory) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "tfctl lint");
        if (toolVersion != null) {
            driver.put("version", toolVersion);
        }
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (LocatedFinding f : result.findings()) {
            if (!ruleIndex.containsKey(f.code())) {
                ruleIndex.put(f.code(), rules.size());
                rules.add(rule(f));
            }
        }
        run.put("columnKind", "utf16CodeUnits");
        ArrayNode results = run.putArray("results");
        for (LocatedFinding f : result.findings()) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.code());
            r.put("ruleIndex", ruleIndex.get(f.code()));
            r.put("level", level(f.severity()));
            r.putObject("message").put("text", f.message() + (f.fix() == null || f.fix().isBlank() ? ""
                    : (f.message().matches("(?s).*[.?!]$") ? " " : ". ") + "Fix: " + f.fix()));
            ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
            ObjectNode artifact = physical.putObject("artifactLocation");
            Uri uri = uri(f.file(), workingDirectory);
            artifact.put("uri", uri.value());
            if (uri.relative()) {
                artifact.put("uriBaseId", SRCROOT);
            }
            if (f.line() > 0) {
                physical.putObject("region").put("startLine", f.line()).put("startColumn", f.column());
            }
            ObjectNode properties = r.putObject("properties");
            if (f.document() > 0) {
                properties.put("document", f.document());
            }
            putIfSet(properties, "kind", f.kind());
            putIfSet(properties, "name", f.name());
            putIfSet(properties, "namespace", f.namespace());
            putIfSet(properties, "path", f.path());
            putIfSet(properties, "fix", f.fix());
            if (f.fixable()) {
                properties.set("quickFix", JsonReport.quickFix(f.quickFix()));
            }
        }
        try {
            out.println(JsonReport.JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private static ObjectNode rule(LocatedFinding finding) {
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        rule.put("id", finding.code());
        Optional<FindingCode> code = FindingCode.of(finding.code());
        String summary;
        FindingSeverity severity;
        if (code.isPresent()) {
            summary = code.get().summary();
            severity = code.get().severity();
        } else {
            summary = Arrays.stream(FileProblem.values()).filter(p -> p.code().equals(finding.code()))
                    .map(FileProblem::summary).findFirst().orElse(finding.code());
            severity = finding.severity();
        }
        rule.putObject("shortDescription").put("text", summary);
        rule.putObject("defaultConfiguration").put("level", level(severity));
        return rule;
    }

    static String level(FindingSeverity severity) {
        return switch (severity) {
            case error -> "error";
            case warning -> "warning";
            case info -> "note";
        };
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private record Uri(String value, boolean relative) {
    }

    /** Relative to the working directory with forward slashes when the file is below it, else a file: URI. */
    private static Uri uri(Path file, Path workingDirectory) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = workingDirectory.toAbsolutePath().normalize();
        if (absolute.startsWith(base) && !absolute.equals(base)) {
            String relative = base.relativize(absolute).toString().replace('\\', '/');
            try {
                return new Uri(new URI(null, null, relative, null).toASCIIString(), true);
            } catch (URISyntaxException e) {
                // fall through to the absolute form
            }
        }
        return new Uri(absolute.toUri().toString(), false);
    }
}
