package io.trustfabric.cli.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = {
        "List resources as a table (READY, WORKERS, ENDPOINT, AGE and the conditions that need attention), or as YAML/JSON.",
        "Kinds by plural, singular or short name: tenants|tenant|tn, partnerallowlists|pal, privacybudgets|pb,",
        "policymacros|pm, trustpolicies|tp, whatifscenarios|wis, canarylanes|cl, and deployments, configmaps, secrets, services, namespaces.",
        "The category trustfabric lists every trustfabric.io kind, like kubectl get trustfabric.",
        "CanaryLane is not reconciled yet: its objects are stored but nothing acts on them."})
public final class GetCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "Kind to list, or the category trustfabric.")
    String kindName;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Show only this object.")
    String name;

    @Option(names = {"-A", "--all-namespaces"}, description = "List across all namespaces.")
    boolean allNamespaces;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default), yaml or json.")
    String output = "table";

    @Override
    int run(ResourceStore store, String namespace) {
        List<ResourceKind> category = store.catalog().byName(kindName).isPresent() ? List.of()
                : store.catalog().category(kindName);
        ResourceKind kind = category.isEmpty() ? store.catalog().require(kindName) : null;
        if (!List.of("table", "yaml", "json").contains(output)) {
            throw new IllegalArgumentException("unknown output format \"" + output + "\" (use yaml or json)");
        }
        if (kind == null) {
            return runCategory(store, category, namespace);
        }
        KindCatalog.notReconciledNote(kind).ifPresent(note -> err().println(note));
        List<GenericKubernetesResource> items = items(store, kind, namespace);
        if (items == null) {
            err().println("Error from server (NotFound): " + kind.qualifiedName() + " \"" + name + "\" not found"
                    + (kind.namespaced() ? " in namespace " + namespace : ""));
            return 1;
        }
        switch (output) {
            case "yaml" -> out().print(serialise(items, true));
            case "json" -> out().println(serialise(items, false));
            default -> print(kind, items, namespace);
        }
        out().flush();
        return 0;
    }

    /** Every kind of the category, as kubectl prints a category: one table per kind that has objects. */
    private int runCategory(ResourceStore store, List<ResourceKind> kinds, String namespace) {
        if (name != null) {
            throw new IllegalArgumentException("\"" + kindName + "\" is a category of " + kinds.size()
                    + " kinds: name one kind to get a single object (e.g. tfctl get tenant " + name + ")");
        }
        List<GenericKubernetesResource> all = new java.util.ArrayList<>();
        StringBuilder tables = new StringBuilder();
        for (ResourceKind kind : kinds) {
            List<GenericKubernetesResource> items = store.list(kind, allNamespaces ? null : namespace);
            if (items.isEmpty()) {
                continue;
            }
            KindCatalog.notReconciledNote(kind).ifPresent(note -> err().println(note));
            all.addAll(items);
            if (!tables.isEmpty()) {
                tables.append(System.lineSeparator());
            }
            tables.append(new ResourceView(Instant.now()).table(kind, items, allNamespaces, true));
        }
        switch (output) {
            case "yaml" -> out().print(serialise(all, true));
            case "json" -> out().println(serialise(all, false));
            default -> out().print(all.isEmpty() ? (allNamespaces ? "No resources found" : "No resources found in "
                    + namespace + " namespace.") + System.lineSeparator() : tables);
        }
        out().flush();
        return 0;
    }

    private List<GenericKubernetesResource> items(ResourceStore store, ResourceKind kind, String namespace) {
        if (name == null) {
            return store.list(kind, allNamespaces ? null : namespace);
        }
        GenericKubernetesResource one = store.get(kind, namespace, name);
        return one == null ? null : List.of(one);
    }

    private void print(ResourceKind kind, List<GenericKubernetesResource> items, String namespace) {
        if (items.isEmpty()) {
            out().println(allNamespaces || !kind.namespaced() ? "No resources found"
                    : "No resources found in " + namespace + " namespace.");
            return;
        }
        out().print(new ResourceView(Instant.now()).table(kind, items, allNamespaces));
    }

    private Object listOrOne(List<GenericKubernetesResource> items) {
        if (name != null) {
            return items.get(0);
        }
        GenericKubernetesResourceList list = new GenericKubernetesResourceList();
        list.setApiVersion("v1");
        list.setKind("List");
        list.setMetadata(new ListMeta());
        list.setItems(items);
        return list;
    }

    private String serialise(List<GenericKubernetesResource> items, boolean yaml) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        Object value = listOrOne(items);
        if (yaml) {
            return serialization.asYaml(value);
        }
        try {
            ObjectMapper mapper = new ObjectMapper();
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(serialization.asJson(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON: " + e.getMessage(), e);
        }
    }
}
