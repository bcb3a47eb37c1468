package io.trustfabric.cli.resource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads manifests the way `kubectl apply -f` does: a file or a directory of .yaml/.yml/.json files, multi-document YAML. */
public final class ManifestReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ManifestReader() {
    }

    public static List<GenericKubernetesResource> read(Path fileOrDirectory) {
        if (Files.isDirectory(fileOrDirectory)) {
            List<GenericKubernetesResource> all = new ArrayList<>();
            for (Path file : manifestFiles(fileOrDirectory)) {
                all.addAll(readFile(file));
            }
            return all;
        }
        if (!Files.isRegularFile(fileOrDirectory)) {
            throw new IllegalArgumentException("the path \"" + fileOrDirectory + "\" does not exist");
        }
        return readFile(fileOrDirectory);
    }

    /**
     * The same objects with the Namespaces moved to the front (otherwise in their order), so that applying a folder
     * creates a namespace before what goes into it, which a real API server requires.
     */
    public static List<GenericKubernetesResource> namespacesFirst(List<GenericKubernetesResource> objects) {
        List<GenericKubernetesResource> ordered = new ArrayList<>();
        objects.stream().filter(ManifestReader::isNamespace).forEach(ordered::add);
        objects.stream().filter(o -> !isNamespace(o)).forEach(ordered::add);
        return ordered;
    }

    private static boolean isNamespace(GenericKubernetesResource object) {
        return "Namespace".equals(object.getKind()) && "v1".equals(object.getApiVersion());
    }

    public static List<GenericKubernetesResource> read(InputStream in, String sourceName) {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(in);
             MappingIterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                addDocument(doc, objects, sourceName);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot parse " + sourceName + ": " + rootMessage(e), e);
        }
        return objects;
    }

    private static void addDocument(JsonNode doc, List<GenericKubernetesResource> objects, String sourceName) {
        if (!doc.isObject()) {
            throw new IllegalArgumentException("cannot parse " + sourceName + ": a document is not a mapping");
        }
        if ("List".equals(doc.path("kind").asText()) && doc.has("items")) {
            doc.get("items").forEach(item -> addDocument(item, objects, sourceName));
            return;
        }
        GenericKubernetesResource object = YAML.convertValue(doc, GenericKubernetesResource.class);
        if (object.getApiVersion() == null || object.getKind() == null) {
            throw new IllegalArgumentException("cannot parse " + sourceName + ": a document has no apiVersion or kind");
        }
        objects.add(object);
    }

    private static List<GenericKubernetesResource> readFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<Path> manifestFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
