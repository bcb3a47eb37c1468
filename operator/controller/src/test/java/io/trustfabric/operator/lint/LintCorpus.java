package io.trustfabric.operator.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The lint corpus (src/test/resources/lint/corpus): faulty files, each headed by {@code # expect: code, ...} (and
 * {@code # environment: cluster} when it is linted as the webhook sees it: macros without a status are pending), and
 * correct files, plus every example folder of the repository, which must lint clean.
 * <p>
 * A file is linted with what it holds: its PolicyMacros next to the built-in catalog, its Tenants and TrustPolicies.
 * A document annotated {@code lint.trustfabric.io/corpus-role: stored} is the stored object an update replaces.
 */
final class LintCorpus {

    static final Path ROOT = Path.of("src/test/resources/lint/corpus");
    static final Path EXAMPLES = Path.of("../../examples");
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "lint.trustfabric.io/corpus-role";

    private LintCorpus() {
    }

    record Result(Path file, Set<String> expected, Set<String> found, List<PolicyFinding> findings) {
        Set<String> missed() {
            Set<String> out = new TreeSet<>(expected);
            out.removeAll(found);
            return out;
        }

        Set<String> unexpected() {
            Set<String> out = new TreeSet<>(found);
            out.removeAll(expected);
            return out;
        }
    }

    /**
     * The findings an example shows on purpose: the limited-GA example keeps an expired partner to demonstrate the
     * refusal (its README says so). Every other correct file must lint clean.
     */
    static List<String> deliberate(Path file) {
        if (file.normalize().endsWith(Path.of("examples/limited-ga/50-acme-partners.yaml"))) {
            return List.of("partner-expired spec.partners[1].expires: partner 'initech' expired at 2025-06-30T00:00:00Z"
                    + " and is refused");
        }
        return List.of();
    }

    static List<Path> faulty() {
        return files(ROOT.resolve("faulty"));
    }

    static List<Path> correct() {
        List<Path> all = new ArrayList<>(files(ROOT.resolve("correct")));
        all.addAll(files(EXAMPLES));
        return all;
    }

    /**
     * Lints one file; {@code macroCheck} adds the operator's OPA checks of a PolicyMacro (null: the static linter only).
     */
    static Result lint(Path file, BiFunction<PolicyMacro, String, List<PolicyFinding>> macroCheck) {
        Loaded loaded = load(file);
        List<PolicyFinding> findings = new ArrayList<>();
        for (JsonNode object : loaded.objects()) {
            findings.addAll(loaded.linter().lint(object, loaded.stored(object)));
            if (macroCheck != null && "PolicyMacro".equals(object.path("kind").asText())) {
                read(object, PolicyMacro.class).filter(m -> m.getSpec() != null && m.getSpec().getRego() != null)
                        .ifPresent(m -> findings.addAll(macroCheck.apply(m, file.getFileName().toString()
                                .replaceAll("[^a-z0-9]", ""))));
            }
        }
        Set<String> found = findings.stream().map(PolicyFinding::getCode).collect(Collectors.toCollection(TreeSet::new));
        return new Result(file, loaded.expected(), found, findings);
    }

    /** A corpus file's objects with the linter that sees what the file holds. */
    record Loaded(Set<String> expected, List<JsonNode> objects, List<JsonNode> storedObjects, LintEnvironment environment,
                  PolicyLinter linter) {
        JsonNode stored(JsonNode object) {
            return storedObjects.stream().filter(d -> d.path("kind").equals(object.path("kind"))
                            && d.path("metadata").path("name").equals(object.path("metadata").path("name")))
                    .findFirst().orElse(null);
        }
    }

    static Loaded load(Path file) {
        String text = read(file);
        Set<String> expected = header(text, "# expect:");
        boolean cluster = header(text, "# environment:").contains("cluster");
        List<JsonNode> documents = documents(text);
        List<JsonNode> objects = documents.stream().filter(d -> !"stored".equals(role(d))).toList();
        LintEnvironment environment = new FileLintEnvironment(objects, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofDays(14), !cluster);
        return new Loaded(expected, objects, documents.stream().filter(d -> "stored".equals(role(d))).toList(),
                environment, new PolicyLinter(environment));
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> header(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Arrays.stream(l.substring(prefix.length()).split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new)))
                .map(s -> (Set<String>) s).orElse(Set.of());
    }

    private static List<JsonNode> documents(String text) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String role(JsonNode doc) {
        return doc.path("metadata").path("annotations").path(ROLE).asText(null);
    }

    private static <T> Optional<T> read(JsonNode doc, Class<T> type) {
        try {
            return Optional.of(JSON.treeToValue(doc, type));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
