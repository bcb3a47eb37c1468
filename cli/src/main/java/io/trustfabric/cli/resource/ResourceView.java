package io.trustfabric.cli.resource;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Renders resources for people: the `get` table and the `describe` page. */
public final class ResourceView {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Instant now;

    public ResourceView(Instant now) {
        this.now = now;
    }

    public String table(ResourceKind kind, List<GenericKubernetesResource> items, boolean showNamespace) {
        return table(kind, items, showNamespace, false);
    }

    /** With {@code qualified}, names print as kubectl prints them for a category: "tenant.trustfabric.io/acme". */
    public String table(ResourceKind kind, List<GenericKubernetesResource> items, boolean showNamespace,
                        boolean qualified) {
        List<String> headers = new ArrayList<>();
        if (showNamespace && kind.namespaced()) {
            headers.add("NAMESPACE");
        }
        headers.add("NAME");
        kind.columns().forEach(c -> headers.add(c.name()));
        boolean conditions = KindCatalog.GROUP.equals(kind.group());
        if (conditions) {
            headers.add("CONDITIONS");
        }
        Table table = new Table(headers);
        for (GenericKubernetesResource item : items) {
            Map<String, Object> tree = tree(item);
            List<String> row = new ArrayList<>();
            if (showNamespace && kind.namespaced()) {
                row.add(item.getMetadata().getNamespace());
            }
            row.add(qualified ? kind.qualifiedName() + "/" + item.getMetadata().getName() : item.getMetadata().getName());
            for (PrinterColumn column : kind.columns()) {
                String value = JsonPathLite.render(tree, column.jsonPath());
                row.add(column.isDate() ? Ages.since(value, now) : value);
            }
            if (conditions) {
                row.add(conditionSummary(conditions(tree)));
            }
            table.add(row);
        }
        return table.render();
    }

    /** Conditions whose True means trouble (or a deliberate stop); every other condition is healthy when True. */
    private static final java.util.Set<String> ABNORMAL_WHEN_TRUE = java.util.Set.of(
            "Paused", "NearLimit", "Exhausted", "Degraded", "Stalled", "Failed");

    /** "OK" or the conditions that need attention, e.g. "WorkersAvailable=False (ReplicasUnavailable)". */
    static String conditionSummary(List<Map<String, Object>> conditions) {
        if (conditions.isEmpty()) {
            return "<none>";
        }
        List<String> attention = conditions.stream().filter(ResourceView::needsAttention)
                .map(c -> c.get("type") + "=" + c.get("status") + reasonSuffix(c)).toList();
        return attention.isEmpty() ? "OK" : String.join(", ", attention);
    }

    private static boolean needsAttention(Map<String, Object> condition) {
        boolean isTrue = "True".equals(condition.get("status"));
        return ABNORMAL_WHEN_TRUE.contains(String.valueOf(condition.get("type"))) == isTrue;
    }

    public String describe(ResourceKind kind, GenericKubernetesResource object, List<Event> events) {
        Map<String, Object> tree = tree(object);
        StringBuilder out = new StringBuilder();
        field(out, "Name", object.getMetadata().getName());
        if (kind.namespaced()) {
            field(out, "Namespace", object.getMetadata().getNamespace());
        }
        field(out, "Kind", kind.kind() + " (" + kind.apiVersion() + ")");
        field(out, "Labels", keyValues(object.getMetadata().getLabels()));
        field(out, "Annotations", keyValues(withoutLastApplied(object.getMetadata().getAnnotations())));
        String created = object.getMetadata().getCreationTimestamp();
        field(out, "Created", created == null ? "<unknown>" : created + " (" + Ages.since(created, now) + " ago)");
        if (object.getMetadata().getGeneration() != null) {
            field(out, "Generation", String.valueOf(object.getMetadata().getGeneration()));
        }
        tree.forEach((key, value) -> {
            if (!List.of("apiVersion", "kind", "metadata", "status").contains(key)) {
                block(out, capitalise(key), value);
            }
        });
        Object status = tree.get("status");
        if (status instanceof Map<?, ?> statusMap) {
            Map<Object, Object> rest = new java.util.LinkedHashMap<>(statusMap);
            rest.remove("conditions");
            if (!rest.isEmpty()) {
                block(out, "Status", rest);
            }
        } else {
            out.append("Status:       <none reported yet>\n");
        }
        out.append("Conditions:\n").append(indent(conditionTable(conditions(tree))));
        out.append("Events:\n").append(indent(eventTable(events)));
        return out.toString();
    }

    private String conditionTable(List<Map<String, Object>> conditions) {
        if (conditions.isEmpty()) {
            return "<none>\n";
        }
        Table table = new Table(List.of("TYPE", "STATUS", "REASON", "AGE", "MESSAGE"));
        for (Map<String, Object> c : conditions) {
            table.add(List.of(str(c.get("type")), str(c.get("status")), str(c.get("reason")),
                    Ages.since(str(c.get("lastTransitionTime")), now), str(c.get("message"))));
        }
        return table.render();
    }

    private String eventTable(List<Event> events) {
        if (events.isEmpty()) {
            return "<none>\n";
        }
        Table table = new Table(List.of("TYPE", "REASON", "AGE", "FROM", "MESSAGE"));
        for (Event e : events) {
            String age = Ages.since(ResourceStore.eventTime(e), now);
            if (e.getCount() != null && e.getCount() > 1) {
                age = age + " (x" + e.getCount() + ")";
            }
            String from = e.getSource() != null && e.getSource().getComponent() != null ? e.getSource().getComponent()
                    : Objects.toString(e.getReportingComponent(), "");
            table.add(List.of(str(e.getType()), str(e.getReason()), age, from, str(e.getMessage())));
        }
        return table.render();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> conditions(Map<String, Object> tree) {
        if (tree.get("status") instanceof Map<?, ?> status && status.get("conditions") instanceof List<?> list) {
            return list.stream().filter(Map.class::isInstance).map(c -> (Map<String, Object>) c).toList();
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(GenericKubernetesResource resource) {
        return SERIALIZATION.convertValue(resource, Map.class);
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(String.format("%-14s%s%n", name + ":", value));
    }

    private static void block(StringBuilder out, String name, Object value) {
        String yaml = SERIALIZATION.asYaml(value).replaceFirst("^---\\n", "");
        out.append(name).append(":\n").append(indent(yaml));
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String keyValues(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return "<none>";
        }
        return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                .collect(Collectors.joining(", "));
    }

    private static Map<String, String> withoutLastApplied(Map<String, String> annotations) {
        if (annotations == null) {
            return Map.of();
        }
        Map<String, String> copy = new java.util.HashMap<>(annotations);
        copy.remove(LastApplied.ANNOTATION);
        return copy;
    }

    private static String reasonSuffix(Map<String, Object> condition) {
        Object reason = condition.get("reason");
        return reason == null || reason.toString().isEmpty() ? "" : " (" + reason + ")";
    }

    private static String capitalise(String key) {
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
