package io.trustfabric.api.crds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads, normalises and renders CRD YAML files. */
public final class CrdDocuments {

    static final String REGENERATE_COMMAND = "./mvnw -B -pl operator/api process-test-classes -Dcrds.update=true";

    static final String HEADER = "# Generated from the Java model in operator/api/src/main/java/io/trustfabric/api. Do not edit.\n"
            + "# Regenerate: " + REGENERATE_COMMAND + "\n";

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private CrdDocuments() {
    }

    /** The *.yml and *.yaml files of a directory by file name; empty when the directory does not exist. */
    public static Map<String, String> readDirectory(Path dir) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(CrdDocuments::isYaml).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Parses each file and keys the CRDs by metadata.name. */
    public static Map<String, JsonNode> byCrdName(Map<String, String> files) {
        Map<String, JsonNode> crds = new TreeMap<>();
        files.values().forEach(text -> {
            JsonNode crd = parse(text);
            crds.put(crd.path("metadata").path("name").asText(), crd);
        });
        return crds;
    }

    /**
     * The checked-in form of a generated CRD: a header saying how to regenerate it, and the printer columns in
     * the order the model declares them (see {@link PrinterColumnOrder}).
     */
    public static String render(String generatedYaml) {
        JsonNode crd = parse(generatedYaml);
        String kind = crd.path("spec").path("names").path("kind").asText();
        crd.path("spec").path("versions").forEach(version -> orderColumns(version.path("additionalPrinterColumns"),
                PrinterColumnOrder.declared(version.path("name").asText(), kind)));
        try {
            return HEADER + YAML.writeValueAsString(crd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void orderColumns(JsonNode columns, List<String> declared) {
        if (!(columns instanceof ArrayNode array)) {
            return;
        }
        List<JsonNode> ordered = new ArrayList<>();
        array.forEach(ordered::add);
        ordered.sort(Comparator.comparingInt(column -> PrinterColumnOrder.rank(declared, column.path("name").asText())));
        array.removeAll();
        ordered.forEach(array::add);
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yml") || name.endsWith(".yaml"));
    }
}
