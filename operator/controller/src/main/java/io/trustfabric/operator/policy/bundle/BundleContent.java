package io.trustfabric.operator.policy.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What goes into one OPA bundle (docs/decisions/policies.md, "Bundles"). The archive, its manifest and signature
 * are derived from it, so equal contents give equal bytes.
 *
 * @param revision the manifest's {@code revision} (non-empty)
 * @param roots    the manifest's {@code roots}: slash-separated data paths, none inside another
 * @param modules  Rego modules by path inside the bundle (e.g. {@code trustfabric/decision/decision.rego})
 * @param data     the bundle's {@code data.json} (an object), or null for none
 * @param metadata the manifest's optional {@code metadata} (an object), or null
 */
public record BundleContent(String revision, List<String> roots, Map<String, String> modules, JsonNode data,
                            JsonNode metadata) {

    public static final String MACROS_ROOT = "trustfabric/macros";
    public static final String DECISION_ROOT = "trustfabric/decision";

    private static final Pattern MODULE_PATH = Pattern.compile("^[A-Za-z0-9_.@\\-]+(/[A-Za-z0-9_.@\\-]+)*\\.rego$");
    private static final Pattern ROOT = Pattern.compile("^[A-Za-z0-9_.@\\-]+(/[A-Za-z0-9_.@\\-]+)*$");

    public BundleContent {
        if (revision == null || revision.isBlank()) {
            throw new IllegalArgumentException("a bundle needs a non-empty revision");
        }
        roots = List.copyOf(roots);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("a bundle needs at least one root");
        }
        for (int i = 0; i < roots.size(); i++) {
            if (!ROOT.matcher(roots.get(i)).matches()) {
                throw new IllegalArgumentException("bad bundle root '" + roots.get(i) + "'");
            }
            for (int j = 0; j < roots.size(); j++) {
                if (i != j && (roots.get(i) + "/").startsWith(roots.get(j) + "/")) {
                    throw new IllegalArgumentException("bundle roots overlap: " + roots.get(j) + " and " + roots.get(i));
                }
            }
        }
        modules = new TreeMap<>(modules);
        for (Map.Entry<String, String> module : modules.entrySet()) {
            if (!MODULE_PATH.matcher(module.getKey()).matches() || module.getKey().contains("..")) {
                throw new IllegalArgumentException("bad module path '" + module.getKey()
                        + "': relative, '/'-separated, ending in .rego");
            }
            Objects.requireNonNull(module.getValue(), "module text");
        }
        modules = java.util.Collections.unmodifiableMap(modules);
        if (data != null && !data.isObject()) {
            throw new IllegalArgumentException("a bundle's data.json must be a JSON object");
        }
        if (metadata != null && !metadata.isObject()) {
            throw new IllegalArgumentException("a bundle manifest's metadata must be a JSON object");
        }
        data = data == null ? null : data.deepCopy();
        metadata = metadata == null ? null : metadata.deepCopy();
    }

    /** The macros bundle: the decision module and every accepted macro module, roots {@code trustfabric/macros} and
     * {@code trustfabric/decision}. */
    public static BundleContent macros(String revision, Map<String, String> modules) {
        return new BundleContent(revision, List.of(MACROS_ROOT, DECISION_ROOT), modules, null, null);
    }

    /** A tenant bundle's only root: {@code trustfabric/tenants/<tenant>}. */
    public static String tenantRoot(String tenant) {
        return "trustfabric/tenants/" + tenant;
    }

    /**
     * The tenant document {@code data.trustfabric.tenants[<tenant>]} (docs/decisions/policies.md, "Data layout"):
     * the governing policy ({@code null} for the default policy), its revision and its compiled rules.
     */
    public static ObjectNode tenantDocument(String policy, long revision, boolean isDefault, ArrayNode rules) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("default", isDefault);
        if (policy == null) {
            doc.putNull("policy");
        } else {
            doc.put("policy", policy);
        }
        doc.put("revision", revision);
        doc.set("rules", rules);
        return doc;
    }

    /**
     * A tenant bundle: only {@code data.json}, holding {@code document} at
     * {@code data.trustfabric.tenants["<tenant>"]} (policy, revision, default, rules).
     */
    public static BundleContent tenant(String tenant, String revision, JsonNode document) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject("trustfabric").putObject("tenants").set(tenant, document.deepCopy());
        return new BundleContent(revision, List.of(tenantRoot(tenant)), Map.of(), data, null);
    }

    @Override
    public JsonNode data() {
        return data == null ? null : data.deepCopy();
    }

    @Override
    public JsonNode metadata() {
        return metadata == null ? null : metadata.deepCopy();
    }
}
