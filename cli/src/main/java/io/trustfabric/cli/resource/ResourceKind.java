package io.trustfabric.cli.resource;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Locale;

/** One kind tfctl can address: its API coordinates, the names a user may type, and its table columns. */
public record ResourceKind(String group, String version, String kind, String plural, String singular,
                           List<String> shortNames, boolean namespaced, List<PrinterColumn> columns) {

    public ResourceKind {
        shortNames = List.copyOf(shortNames);
        columns = List.copyOf(columns);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** "tenant.trustfabric.io" as kubectl prints it; core kinds print as "configmap". */
    public String qualifiedName() {
        String lower = kind.toLowerCase(Locale.ROOT);
        return group.isEmpty() ? lower : lower + "." + group;
    }

    public boolean answersTo(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals(plural) || n.equals(singular) || shortNames.contains(n) || n.equals(kind.toLowerCase(Locale.ROOT))
                || n.equals(plural + "." + group) || n.equals(singular + "." + group);
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(version).withKind(kind).withPlural(plural).withNamespaced(namespaced)
                .build();
    }

    public ResourceKind withColumns(List<PrinterColumn> newColumns) {
        return new ResourceKind(group, version, kind, plural, singular, shortNames, namespaced, newColumns);
    }
}
