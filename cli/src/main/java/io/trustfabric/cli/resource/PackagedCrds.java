package io.trustfabric.cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trustfabric.cli.local.ClasspathFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The generated trustfabric.io CRDs packaged in the CLI jar (folder crds/ on the classpath), as JSON. */
public final class PackagedCrds {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static List<JsonNode> crds;

    private PackagedCrds() {
    }

    public static synchronized List<JsonNode> all() {
        if (crds == null) {
            List<JsonNode> read = new ArrayList<>();
            ClasspathFolder.read("crds").forEach((file, bytes) -> {
                if (file.matches(".*\\.ya?ml$")) {
                    try {
                        for (JsonNode doc : YAML.readValues(YAML.createParser(bytes), JsonNode.class).readAll()) {
                            if (doc != null && "CustomResourceDefinition".equals(doc.path("kind").asText())) {
                                read.add(doc);
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read packaged CRD crds/" + file, e);
                    }
                }
            });
            crds = List.copyOf(read);
        }
        return crds;
    }
}
