package io.trustfabric.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustfabric.api.crds.CrdDocuments;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The CRDs the build generated from the model (target/generated-crds), keyed by kind. */
public final class GeneratedCrds {

    public static final Path GENERATED_DIR = Path.of("target", "generated-crds");

    private static Map<String, JsonNode> byKind;

    private GeneratedCrds() {
    }

    public static synchronized Map<String, JsonNode> byKind() {
        if (byKind == null) {
            Map<String, JsonNode> crds = new TreeMap<>();
            CrdDocuments.readDirectory(GENERATED_DIR).values().forEach(text -> {
                JsonNode crd = CrdDocuments.parse(text);
                crds.put(crd.path("spec").path("names").path("kind").asText(), crd);
            });
            byKind = crds;
        }
        return byKind;
    }

    public static JsonNode of(String kind) {
        JsonNode crd = byKind().get(kind);
        if (crd == null) {
            throw new IllegalArgumentException("no generated CRD for kind " + kind + " in " + GENERATED_DIR.toAbsolutePath());
        }
        return crd;
    }

    public static JsonNode schemaOf(String kind) {
        return of(kind).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    }
}
