package io.trustfabric.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in policy macro catalog packaged in this jar: the index {@code trustfabric-policies/catalog.json}, each
 * macro version's files and the decision module. The operator installs these at start-up.
 */
public final class MacroCatalog {

    /** The jar folder that holds the catalog. */
    public static final String RESOURCE_ROOT = "trustfabric-policies";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<CatalogMacro> macros;
    private final String decisionModule;

    private MacroCatalog(List<CatalogMacro> macros, String decisionModule) {
        this.macros = List.copyOf(macros);
        this.decisionModule = decisionModule;
    }

    /** Reads the catalog from this jar's resources. Fails when the index names a file the jar does not hold. */
    public static MacroCatalog builtIn() {
        JsonNode index = readJson("catalog.json");
        List<CatalogMacro> macros = new ArrayList<>();
        for (JsonNode entry : index.path("macros")) {
            String name = required(entry, "name").asText();
            int version = required(entry, "version").asInt();
            String folder = name + "/v" + version + "/";
            macros.add(new CatalogMacro(name, version, required(entry, "description").asText(),
                    readJson(folder + "parameters.schema.json"), read(folder + "macro.rego"),
                    read(folder + "macro_test.rego"), read(folder + "README.md"), readJson(folder + "cases.json")));
        }
        return new MacroCatalog(macros, read(required(index, "decision").asText()));
    }

    /** The macro versions in index order. */
    public List<CatalogMacro> macros() {
        return macros;
    }

    /** The decision module (package {@code trustfabric.decision}). */
    public String decisionModule() {
        return decisionModule;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException(RESOURCE_ROOT + "/catalog.json: missing \"" + field + "\" in " + node);
        }
        return value;
    }

    private static JsonNode readJson(String path) {
        try {
            return JSON.readTree(read(path));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE_ROOT + "/" + path + ": invalid JSON", e);
        }
    }

    private static String read(String path) {
        String resource = RESOURCE_ROOT + "/" + path;
        try (InputStream in = MacroCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the catalog has no " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
