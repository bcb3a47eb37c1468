package io.trustfabric.cli.resource;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes any catalogued kind as a generic resource, so tfctl works against a cluster without API discovery
 * (the local mock server) just as against a real one.
 */
public final class ResourceStore {

    private final KubernetesClient client;
    private final KindCatalog catalog;

    public ResourceStore(KubernetesClient client, KindCatalog catalog) {
        this.client = client;
        this.catalog = catalog;
    }

    public KindCatalog catalog() {
        return catalog;
    }

    /** Lists a kind in one namespace, or in all namespaces when namespace is null. Sorted by namespace, name. */
    public List<GenericKubernetesResource> list(ResourceKind kind, String namespace) {
        var all = client.genericKubernetesResources(kind.context());
        List<GenericKubernetesResource> items = kind.namespaced() && namespace != null
                ? all.inNamespace(namespace).list().getItems()
                : all.inAnyNamespace().list().getItems();
        return items.stream().sorted(Comparator
                .comparing((GenericKubernetesResource r) -> Objects.toString(r.getMetadata().getNamespace(), ""))
                .thenComparing(r -> r.getMetadata().getName())).toList();
    }

    public GenericKubernetesResource get(ResourceKind kind, String namespace, String name) {
        return one(kind, namespace, name).get();
    }

    public boolean delete(ResourceKind kind, String namespace, String name) {
        return !one(kind, namespace, name).delete().isEmpty();
    }

    /** Create-or-replace: creates a missing object, replaces a changed one (keeping its status), leaves an equal one. */
    public ApplyOutcome apply(GenericKubernetesResource desired, String defaultNamespace) {
        ResourceKind kind = kindOf(desired);
        ObjectMeta meta = desired.getMetadata();
        if (meta == null || meta.getName() == null || meta.getName().isBlank()) {
            throw new IllegalArgumentException(kind.kind() + " without metadata.name");
        }
        String namespace = kind.namespaced() ? Objects.requireNonNullElse(meta.getNamespace(), defaultNamespace) : null;
        meta.setNamespace(namespace);
        Resource<GenericKubernetesResource> target = one(kind, namespace, meta.getName());
        GenericKubernetesResource existing = target.get();
        if (existing == null) {
            LastApplied.record(desired, LastApplied.of(desired));
            target.create(desired);
            return ApplyOutcome.CREATED;
        }
        String intent = LastApplied.of(desired);
        if (intent.equals(LastApplied.recordedOn(existing))) {
            return ApplyOutcome.UNCHANGED;
        }
        scoped(kind, namespace).resource(merged(desired, existing, intent)).update();
        return ApplyOutcome.CONFIGURED;
    }

    public ResourceKind kindOf(GenericKubernetesResource resource) {
        if (resource.getApiVersion() == null || resource.getKind() == null) {
            throw new IllegalArgumentException("object without apiVersion or kind");
        }
        return catalog.byApiVersionAndKind(resource.getApiVersion(), resource.getKind())
                .orElseThrow(() -> new IllegalArgumentException("unsupported kind " + resource.getKind() + " ("
                        + resource.getApiVersion() + "); tfctl handles trustfabric.io kinds, Namespace, ConfigMap, "
                        + "Secret, Service and Deployment"));
    }

    /** Events about an object, oldest first (core/v1 Events, matched on kind, name and uid). */
    public List<Event> eventsFor(GenericKubernetesResource object) {
        ObjectMeta meta = object.getMetadata();
        var events = meta.getNamespace() == null ? client.v1().events().inAnyNamespace()
                : client.v1().events().inNamespace(meta.getNamespace());
        return events.list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && Objects.equals(e.getInvolvedObject().getName(), meta.getName())
                        && Objects.equals(e.getInvolvedObject().getKind(), object.getKind())
                        && (e.getInvolvedObject().getUid() == null || Objects.equals(e.getInvolvedObject().getUid(), meta.getUid())))
                .sorted(Comparator.comparing(ResourceStore::eventTime))
                .toList();
    }

    /** When an Event last happened, as RFC 3339 text (lastTimestamp, else eventTime, else creation). */
    public static String eventTime(Event e) {
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return e.getEventTime().getTime();
        }
        return Objects.toString(e.getMetadata().getCreationTimestamp(), "");
    }

    private Resource<GenericKubernetesResource> one(ResourceKind kind, String namespace, String name) {
        return scoped(kind, namespace).withName(name);
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            scoped(ResourceKind kind, String namespace) {
        return kind.namespaced() ? client.genericKubernetesResources(kind.context()).inNamespace(namespace)
                : client.genericKubernetesResources(kind.context());
    }

    private static GenericKubernetesResource merged(GenericKubernetesResource desired, GenericKubernetesResource existing,
                                                    String intent) {
        GenericKubernetesResource result = new GenericKubernetesResource();
        result.setApiVersion(desired.getApiVersion());
        result.setKind(desired.getKind());
        ObjectMeta meta = existing.getMetadata();
        meta.setLabels(desired.getMetadata().getLabels());
        meta.setAnnotations(desired.getMetadata().getAnnotations());
        result.setMetadata(meta);
        LastApplied.record(result, intent);
        Map<String, Object> fields = new HashMap<>(desired.getAdditionalProperties());
        fields.remove("status");
        Object status = existing.getAdditionalProperties().get("status");
        if (status != null) {
            fields.put("status", status);
        }
        result.setAdditionalProperties(fields);
        return result;
    }
}
