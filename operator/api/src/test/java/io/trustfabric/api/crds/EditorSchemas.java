package io.trustfabric.api.crds;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes schemas/: one JSON Schema (draft-07) per CRD kind and version for editors with the YAML language server,
 * plus all.json that checks any manifest by its apiVersion and kind. Each schema describes the whole object a user
 * writes (apiVersion, kind, metadata, spec; status allowed, never required), translated from the CRD's
 * openAPIV3Schema: every description, enum, pattern, bound, required list and default is kept, the Kubernetes
 * extensions become plain JSON Schema (preserve-unknown-fields opens the object, int-or-string becomes anyOf
 * integer/string, CEL rules are listed in the description as "Rule: message"), and an object that lists its
 * properties refuses any other, so a typo is flagged as the API server's strict field validation would.
 *
 * <p>Check mode fails when schemas/ differs from what the CRDs give; update mode (-Dcrds.update=true, with the CRDs)
 * rewrites it. Run by the build (exec-maven-plugin, process-test-classes) right after {@link CrdSync}.
 */
public final class EditorSchemas {

    /** The JSON Schema dialect of every file: draft-07, the one editors' YAML language server supports best. */
    public static final String DIALECT = "http://json-schema.org/draft-07/schema#";

    /** The file that checks a manifest of any trustfabric.io kind by its apiVersion and kind. */
    public static final String ALL = "all.json";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** OpenAPI v3 keywords of a CRD schema that mean the same in draft-07 and are copied as they are. */
    private static final Set<String> COPIED = Set.of("type", "description", "title", "required", "enum", "pattern",
            "format", "default", "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "uniqueItems",
            "minProperties", "maxProperties", "multipleOf");

    /** Keywords whose value is a schema, or holds schemas, and is translated too. */
    private static final Set<String> NESTED = Set.of("properties", "items", "additionalProperties", "anyOf", "allOf",
            "oneOf", "not");

    /** Keywords translated by hand (OpenAPI v3 forms that differ from draft-07, and the Kubernetes extensions). */
    private static final Set<String> TRANSLATED = Set.of("nullable", "exclusiveMinimum", "exclusiveMaximum", "example",
            "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "x-kubernetes-validations");

    private final Path crdDir;
    private final Path schemasDir;

    public EditorSchemas(Path crdDir, Path schemasDir) {
        this.crdDir = crdDir;
        this.schemasDir = schemasDir;
    }

    /** Arguments: crdDir schemasDir update(true|false). */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: EditorSchemas crdDir schemasDir update");
        }
        EditorSchemas schemas = new EditorSchemas(Path.of(args[0]), Path.of(args[1]));
        if (Boolean.parseBoolean(args[2])) {
            System.out.println(schemas.update());
        } else {
            schemas.check();
        }
    }

    /** The file name of the schema of a kind and version, e.g. trustpolicy-v1alpha1.json. */
    public static String fileName(String kind, String version) {
        return kind.toLowerCase(Locale.ROOT) + "-" + version + ".json";
    }

    /** Every file of schemas/, by name, as it must read. */
    public Map<String, String> expected() {
        Map<String, String> crdFiles = CrdDocuments.readDirectory(crdDir);
        if (crdFiles.isEmpty()) {
            throw new CrdSyncException("no CRDs in " + crdDir + " to generate the editor schemas from");
        }
        Map<String, ObjectNode> schemas = new TreeMap<>();
        crdFiles.forEach((file, text) -> {
            JsonNode crd = CrdDocuments.parse(text);
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("served").asBoolean(true)) {
                    String kind = crd.path("spec").path("names").path("kind").asText();
                    schemas.put(fileName(kind, version.path("name").asText()), schema(crd, version, file));
                }
            }
        });
        Map<String, String> files = new TreeMap<>();
        schemas.forEach((name, schema) -> files.put(name, render(schema)));
        files.put(ALL, render(all(schemas)));
        return files;
    }

    /** Fails with the stale files and the command that regenerates them. */
    public void check() {
        Map<String, String> expected = expected();
        Map<String, String> actual = read(schemasDir);
        List<String> stale = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(expected.keySet());
        names.addAll(actual.keySet());
        for (String name : names) {
            if (!actual.containsKey(name)) {
                stale.add(schemasDir.resolve(name) + " is missing");
            } else if (!expected.containsKey(name)) {
                stale.add(schemasDir.resolve(name) + " is not generated from a CRD (removed kind or version?)");
            } else if (!expected.get(name).equals(actual.get(name))) {
                stale.add(schemasDir.resolve(name) + " differs from the schema the CRD gives");
            }
        }
        if (!stale.isEmpty()) {
            throw new CrdSyncException("the editor schemas in schemas/ are out of date with the CRDs:\n  "
                    + String.join("\n  ", stale) + "\nRegenerate them (with the CRDs) with:\n  "
                    + CrdDocuments.REGENERATE_COMMAND + "\nand commit schemas/.");
        }
    }

    /** Writes schemas/, deleting schemas no CRD gives any more; returns a one-line summary. */
    public String update() throws IOException {
        Map<String, String> expected = expected();
        Files.createDirectories(schemasDir);
        int written = 0;
        for (String name : read(schemasDir).keySet()) {
            if (!expected.containsKey(name)) {
                Files.delete(schemasDir.resolve(name));
                written++;
            }
        }
        for (Map.Entry<String, String> file : expected.entrySet()) {
            Path target = schemasDir.resolve(file.getKey());
            if (!Files.exists(target) || !Files.readString(target).equals(file.getValue())) {
                Files.writeString(target, file.getValue());
                written++;
            }
        }
        return "schemas: " + written + " file(s) updated";
    }

    /** The editor schema of one served version of a CRD; crdFile names the CRD's file in crds/. */
    static ObjectNode schema(JsonNode crd, JsonNode version, String crdFile) {
        JsonNode names = crd.path("spec").path("names");
        String kind = names.path("kind").asText();
        String apiVersion = crd.path("spec").path("group").asText() + "/" + version.path("name").asText();
        boolean clusterScoped = "Cluster".equals(crd.path("spec").path("scope").asText());
        JsonNode openApi = version.path("schema").path("openAPIV3Schema");

        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("$id", id(fileName(kind, version.path("name").asText())));
        schema.put("$comment", "Generated from crds/" + crdFile + " (the CRD generated from the Java model in operator/api)."
                + " Do not edit. Regenerate: " + CrdDocuments.REGENERATE_COMMAND);
        schema.put("title", kind + " (" + apiVersion + ")");
        StringBuilder description = new StringBuilder("A ").append(kind).append(" of ").append(apiVersion).append(", ")
                .append(clusterScoped ? "cluster-scoped" : "namespaced");
        List<String> shortNames = new ArrayList<>();
        names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
        if (!shortNames.isEmpty()) {
            description.append(" (kubectl short names: ").append(String.join(", ", shortNames)).append(')');
        }
        description.append(". Write apiVersion, kind, metadata and spec; the operator writes status.");
        if (openApi.hasNonNull("description")) {
            description.insert(0, openApi.get("description").asText() + "\n\n");
        }
        schema.put("description", withRules(description.toString(), openApi.path("x-kubernetes-validations")));
        schema.put("type", "object");

        ObjectNode properties = schema.putObject("properties");
        properties.set("apiVersion", constant(apiVersion, "The API group and version: " + apiVersion + "."));
        properties.set("kind", constant(kind, "The kind of object: " + kind + "."));
        properties.set("metadata", metadata(kind, clusterScoped));
        openApi.path("properties").fields().forEachRemaining(field -> {
            ObjectNode translated = translate(field.getValue());
            if (field.getKey().equals("status")) {
                String note = "Written by the operator (through the status subresource); leave it out of manifests.";
                translated.put("description", translated.has("description")
                        ? translated.get("description").asText() + "\n\n" + note : note);
            }
            properties.set(field.getKey(), translated);
        });
        ArrayNode required = schema.putArray("required").add("apiVersion").add("kind").add("metadata");
        openApi.path("required").forEach(r -> {
            if (!List.of("apiVersion", "kind", "metadata").contains(r.asText())) {
                required.add(r.asText());
            }
        });
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * all.json: a manifest of a trustfabric.io kind is checked against its kind's schema (embedded under definitions),
     * an unknown trustfabric.io kind or version is flagged, and any other object (Namespace, Secret, ...) passes.
     */
    static ObjectNode all(Map<String, ObjectNode> schemas) {
        ObjectNode all = JSON.objectNode();
        all.put("$schema", DIALECT);
        all.put("$id", id(ALL));
        all.put("$comment", "Generated from crds/ (the CRDs generated from the Java model in operator/api). Do not edit."
                + " Regenerate: " + CrdDocuments.REGENERATE_COMMAND);
        all.put("title", "Kubernetes manifest with Trust Fabric objects");
        all.put("description", "Checks each object of a trustfabric.io kind against the schema of its kind and version;"
                + " objects of other API groups (Namespace, Secret, ConfigMap, ...) are not checked.");
        all.put("type", "object");
        ArrayNode allOf = all.putArray("allOf");
        ObjectNode definitions = all.putObject("definitions");
        Map<String, TreeSet<String>> kindsByApiVersion = new TreeMap<>();
        schemas.forEach((file, schema) -> {
            String apiVersion = schema.at("/properties/apiVersion/const").asText();
            String kind = schema.at("/properties/kind/const").asText();
            kindsByApiVersion.computeIfAbsent(apiVersion, v -> new TreeSet<>()).add(kind);
            String name = file.substring(0, file.length() - ".json".length());
            ObjectNode embedded = schema.deepCopy();
            embedded.remove(List.of("$schema", "$id", "$comment"));
            definitions.set(name, embedded);
            ObjectNode condition = JSON.objectNode();
            condition.putObject("properties").<ObjectNode>set("apiVersion", JSON.objectNode().put("const", apiVersion))
                    .set("kind", JSON.objectNode().put("const", kind));
            condition.putArray("required").add("apiVersion").add("kind");
            allOf.addObject().<ObjectNode>set("if", condition)
                    .putObject("then").put("$ref", "#/definitions/" + name);
        });
        Set<String> groups = new TreeSet<>();
        kindsByApiVersion.keySet().forEach(v -> groups.add(v.substring(0, v.indexOf('/'))));
        for (String group : groups) {
            ObjectNode inGroup = JSON.objectNode();
            inGroup.putObject("properties").putObject("apiVersion").put("type", "string")
                    .put("pattern", "^" + group.replace(".", "\\.") + "/");
            inGroup.putArray("required").add("apiVersion");
            ArrayNode versions = JSON.arrayNode();
            kindsByApiVersion.keySet().stream().filter(v -> v.startsWith(group + "/")).forEach(versions::add);
            ObjectNode known = allOf.addObject().<ObjectNode>set("if", inGroup).putObject("then");
            known.putObject("properties").putObject("apiVersion").<ObjectNode>set("enum", versions);
            kindsByApiVersion.forEach((apiVersion, kinds) -> {
                if (apiVersion.startsWith(group + "/")) {
                    ObjectNode version = JSON.objectNode();
                    version.putObject("properties").putObject("apiVersion").put("const", apiVersion);
                    version.putArray("required").add("apiVersion");
                    ArrayNode kindEnum = JSON.arrayNode();
                    kinds.forEach(kindEnum::add);
                    ObjectNode then = allOf.addObject().<ObjectNode>set("if", version).putObject("then");
                    then.putObject("properties").putObject("kind").<ObjectNode>set("enum", kindEnum);
                    then.putArray("required").add("kind");
                }
            });
        }
        return all;
    }

    /** The draft-07 form of an OpenAPI v3 schema of a CRD (see the class comment). */
    static ObjectNode translate(JsonNode openApi) {
        ObjectNode out = JSON.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = openApi.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (COPIED.contains(key)) {
                out.set(key, value.deepCopy());
            } else if (NESTED.contains(key)) {
                out.set(key, translateNested(key, value));
            } else if (!TRANSLATED.contains(key) && !key.startsWith("x-kubernetes-")) {
                throw new IllegalArgumentException("the editor schemas do not know the CRD schema keyword '" + key
                        + "'; teach EditorSchemas.translate how to express it in JSON Schema draft-07");
            }
        }
        if (openApi.has("example")) {
            out.putArray("examples").add(openApi.get("example").deepCopy());
        }
        exclusiveBound(openApi, out, "exclusiveMinimum", "minimum");
        exclusiveBound(openApi, out, "exclusiveMaximum", "maximum");
        if (openApi.path("x-kubernetes-int-or-string").asBoolean(false)) {
            out.remove("type");
            ArrayNode anyOf = out.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
        }
        if (openApi.path("nullable").asBoolean(false)) {
            if (out.path("type").isTextual()) {
                String type = out.get("type").asText();
                out.putArray("type").add(type).add("null");
            }
            if (out.path("enum").isArray()) {
                ((ArrayNode) out.get("enum")).addNull();
            }
        }
        boolean preservesUnknown = openApi.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (openApi.has("properties") && !openApi.has("additionalProperties") && !preservesUnknown) {
            out.put("additionalProperties", false);
        }
        JsonNode rules = openApi.path("x-kubernetes-validations");
        if (rules.isArray() && !rules.isEmpty()) {
            out.put("description", withRules(out.path("description").asText(""), rules));
        }
        return out;
    }

    private static JsonNode translateNested(String key, JsonNode value) {
        if (value.isBoolean()) {
            return value.deepCopy();
        }
        if (key.equals("properties")) {
            ObjectNode properties = JSON.objectNode();
            value.fields().forEachRemaining(p -> properties.set(p.getKey(), translate(p.getValue())));
            return properties;
        }
        if (value.isArray()) {
            ArrayNode schemas = JSON.arrayNode();
            value.forEach(s -> schemas.add(translate(s)));
            return schemas;
        }
        return translate(value);
    }

    /** OpenAPI v3.0's boolean exclusiveMinimum/-Maximum next to minimum/maximum becomes draft-07's number form. */
    private static void exclusiveBound(JsonNode openApi, ObjectNode out, String exclusive, String bound) {
        JsonNode flag = openApi.get(exclusive);
        if (flag == null) {
            return;
        }
        if (flag.isNumber()) {
            out.set(exclusive, flag.deepCopy());
        } else if (flag.asBoolean(false) && openApi.has(bound)) {
            out.set(exclusive, openApi.get(bound).deepCopy());
            out.remove(bound);
        }
    }

    /** The description followed by one "Rule: message" paragraph per CEL rule (which JSON Schema cannot check). */
    private static String withRules(String description, JsonNode rules) {
        if (!rules.isArray() || rules.isEmpty()) {
            return description;
        }
        StringBuilder text = new StringBuilder(description.strip());
        for (JsonNode rule : rules) {
            String message = rule.hasNonNull("message") ? rule.get("message").asText() : rule.path("rule").asText();
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append("Rule: ").append(message.strip());
        }
        return text.toString();
    }

    private static ObjectNode constant(String value, String description) {
        return JSON.objectNode().put("description", description).put("type", "string").put("const", value);
    }

    /** The metadata a user writes; the fields the API server sets are allowed too, so `kubectl get -o yaml` output passes. */
    private static ObjectNode metadata(String kind, boolean clusterScoped) {
        ObjectNode metadata = JSON.objectNode();
        metadata.put("description", "Standard Kubernetes object metadata: name"
                + (clusterScoped ? "" : ", namespace") + ", labels and annotations.");
        metadata.put("type", "object");
        ObjectNode properties = metadata.putObject("properties");
        properties.set("name", string("Name of the " + kind + ", unique "
                + (clusterScoped ? "in the cluster." : "within its namespace."), 253));
        properties.set("generateName", string("Prefix of a name the API server completes (kubectl create only).", 253));
        properties.set("namespace", clusterScoped
                ? string(kind + " is cluster-scoped: a namespace is ignored.", 63)
                : string("Namespace of the " + kind + "; kubectl uses the current namespace when it is left out.", 63));
        properties.set("labels", stringMap("Labels (key: value) to select and group objects."));
        properties.set("annotations", stringMap("Annotations (key: value): non-identifying data for tools and people."));
        properties.set("finalizers", JSON.objectNode().put("description", "Finalizers that must be removed before deletion.")
                .put("type", "array").<ObjectNode>set("items", JSON.objectNode().put("type", "string")));
        properties.set("ownerReferences", JSON.objectNode().put("description", "Objects this one belongs to (garbage collection).")
                .put("type", "array").<ObjectNode>set("items", JSON.objectNode().put("type", "object")));
        for (String serverSet : List.of("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "selfLink")) {
            properties.set(serverSet, JSON.objectNode().put("description", "Set by the API server.").put("type", "string"));
        }
        for (String serverSet : List.of("generation", "deletionGracePeriodSeconds")) {
            properties.set(serverSet, JSON.objectNode().put("description", "Set by the API server.").put("type", "integer"));
        }
        properties.set("managedFields", JSON.objectNode().put("description", "Set by the API server (server-side apply).")
                .put("type", "array"));
        metadata.putArray("anyOf").add(JSON.objectNode().<ObjectNode>set("required", JSON.arrayNode().add("name")))
                .add(JSON.objectNode().<ObjectNode>set("required", JSON.arrayNode().add("generateName")));
        metadata.put("additionalProperties", false);
        return metadata;
    }

    private static ObjectNode string(String description, int maxLength) {
        return JSON.objectNode().put("description", description).put("type", "string").put("maxLength", maxLength);
    }

    private static ObjectNode stringMap(String description) {
        return JSON.objectNode().put("description", description).put("type", "object")
                .set("additionalProperties", JSON.objectNode().put("type", "string"));
    }

    private static String id(String file) {
        return "urn:trustfabric.io:schemas:" + file.substring(0, file.length() - ".json".length());
    }

    /** JSON with 2-space indentation, object keys sorted, one array item per line and a trailing newline. */
    public static String render(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, 0, out);
        return out.append('\n').toString();
    }

    private static void write(JsonNode node, int depth, StringBuilder out) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(f -> sorted.put(f.getKey(), f.getValue()));
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = sorted.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                indent(depth + 1, out);
                quote(field.getKey(), out);
                out.append(": ");
                write(field.getValue(), depth + 1, out);
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            indent(depth, out);
            out.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(depth + 1, out);
                write(node.get(i), depth + 1, out);
                out.append(i < node.size() - 1 ? ",\n" : "\n");
            }
            indent(depth, out);
            out.append(']');
        } else if (node.isTextual()) {
            quote(node.asText(), out);
        } else if (node.isNumber()) {
            out.append(number(node.decimalValue()));
        } else {
            out.append(node.toString());
        }
    }

    /** A number as written in JSON, without a fraction when it is whole (the CRDs say minimum: 1.0 for an integer). */
    private static String number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : stripped.toPlainString();
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
    }

    private static void indent(int depth, StringBuilder out) {
        out.append("  ".repeat(depth));
    }

    private static Map<String, String> read(Path dir) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".json")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
